"""Quote groups: no chained groups, majority reference, similarity to the quoted part (invented sentences)."""
import polars as pl

from newsprov.dataset.compare.quotes import quote_groups


def _quotes(items):
    """items: (article, text of the article, quoted words) -> quotes frame and texts."""
    rows, texts = [], {}
    for n, (aid, text, words) in enumerate(items):
        texts[aid] = text
        s = text.index(words)
        rows.append({"quote_id": f"{aid}:q{n:04d}", "article_id": aid, "start": s, "end": s + len(words), "text": words})
    return pl.DataFrame(rows), texts


def _group_of(groups, qid):
    g = groups.filter(pl.col("quote_id") == qid)["group_id"]
    return g[0] if len(g) else None


def test_a_shared_fragment_does_not_chain_two_different_quotations():
    q, texts = _quotes([
        ("a1", 'The mayor said: "We will rebuild the old bridge and repair every road in the county."', "We will rebuild the old bridge and repair every road in the county."),
        ("a2", 'She promised to "repair every road in the county" soon.', "repair every road in the county"),
        ("a3", 'Her rival said: "Repair every road in the county before the snow buries the valley farms."', "Repair every road in the county before the snow buries the valley farms."),
    ])
    groups, _ = quote_groups(q, texts)
    assert _group_of(groups, "a1:q0000") != _group_of(groups, "a3:q0002") or _group_of(groups, "a1:q0000") is None


def test_a_two_word_topic_is_not_a_quotation_of_a_speech():
    q, texts = _quotes([
        ("a1", 'He said: "I served my country in Vietnam for two long years."', "I served my country in Vietnam for two long years."),
        ("a2", 'His campaign said he never claimed to have served "in Vietnam" at all.', "in Vietnam"),
    ])
    groups, _ = quote_groups(q, texts)
    assert groups.height == 0


def test_a_contiguous_part_has_similarity_one_to_its_reference():
    q, texts = _quotes([
        ("a1", 'The minister said: "The harvest failed because the rains came far too late this year."', "The harvest failed because the rains came far too late this year."),
        ("a2", 'The minister said: "The harvest failed because the rains came far too late this year."', "The harvest failed because the rains came far too late this year."),
        ("a3", 'The minister blamed rains that "came far too late" for the loss.', "came far too late"),
    ])
    groups, _ = quote_groups(q, texts)
    row = groups.filter(pl.col("quote_id") == "a3:q0002")
    assert row["relation"][0] == "truncated"
    assert row["similarity"][0] == 1.0


def test_the_reference_is_the_wording_most_articles_print():
    short = "We are not leaving this town without a fight."
    long = "We are not leaving this town without a fight, and nobody will make us."
    q, texts = _quotes([
        ("a1", f'The farmers said: "{short}"', short),
        ("a2", f'One farmer said: "{long}"', long),
        ("a3", f'The farmers told reporters: "{short}"', short),
    ])
    groups, _ = quote_groups(q, texts)
    ref = groups["reference_quote_id"].unique().to_list()
    assert ref == ["a1:q0000"]
