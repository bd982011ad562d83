"""Reading text: pure functions whose results some tables record and validation re-derives.

Word tokens and their normal forms (words), and the grammar of numeric claims (figures).
The build uses them to extract and compare; the validator to check that a derived value is
still what the text gives. They stand on nothing of newsprov's but the core.
"""
