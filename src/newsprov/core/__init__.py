"""The core: what every other layer stands on, and which stands on nothing of newsprov's.

Reading source text exactly (text), safe resource paths (paths), text safe to print
(printable), where a package keeps its parts (layout) and publishing files atomically
(publish). Nothing here imports schemas, validators, dataset or the command line.
"""
