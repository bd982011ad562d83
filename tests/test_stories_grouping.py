"""Stories: specs on invented articles (no corpus text)."""
from __future__ import annotations

import random


import numpy as np
import pytest


import newsprov.dataset.compare.stories as S
from newsprov.dataset.compare.stories import clustering as S_cluster, signatures as S_signature

SYLLABLES = "ba ce di fo gu ha ke li mo nu pa re si to vu wa ye zo".split()
TEMPLATES = [
    "The {0} of the {1} said on Monday that the {2} would be {3}.",
    "Officials in the {0} told reporters the {1} had {3} the {2}.",
    "A {0} near the {1} was {3} after the {2} was found.",
    "{4} said the {0} and the {1} were {3} by the {2} last year.",
    "In the {0}, the {1} is expected to be {3} before the {2} opens.",
]


def _vocabulary(rng: random.Random, n: int) -> list[str]:
    return sorted({"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(n)})


def filler(n: int, seed: int = 7) -> dict[str, str]:
    """Unrelated background articles in invented English: the same function words
    in every article, content words rarely shared (drawn from a large vocabulary)."""
    rng = random.Random(seed)
    vocab = _vocabulary(rng, 20000)
    out = {}
    for i in range(n):
        sents = []
        for _ in range(rng.randint(10, 16)):
            w = rng.sample(vocab, 4)
            sents.append(rng.choice(TEMPLATES).format(*w, w[0].capitalize()))
        paras = [" ".join(sents[k:k + 3]) for k in range(0, len(sents), 3)]
        out[f"z{i:03d}"] = f"Local notes {i}\n\n" + "\n\n".join(paras)
    return out


FLOOD = {
    "a1": "Floods hit Velmora\n\nVELMORA — Heavy rain flooded the river town of Velmora on Tuesday, "
          "forcing 3,412 residents from their homes, mayor Ilsa Brandt said. The Orvik dam released "
          "water overnight and the Kessel bridge was closed.\n\nMayor Ilsa Brandt asked the regional "
          "government for help. Rescue crews from Halden reached the flooded Velmora district by boat.",
    "b1": "Thousands leave Velmora as Orvik dam spills\n\nRescue teams evacuated 3,412 people in Velmora "
          "after the Orvik dam overflowed, according to Ilsa Brandt, the town's mayor. Water covered "
          "the Kessel bridge.\n\nBrandt said boats from Halden carried families out of the Velmora "
          "district through the night.",
    "c1": "Velmora under water\n\nThe mayor of Velmora, Ilsa Brandt, declared an emergency as water "
          "from the Orvik dam swept through streets. Officials counted 3,412 evacuees and shut the "
          "Kessel bridge.\n\nVolunteers from Halden brought boats to the Velmora district.",
}
TRIAL = {
    "d1": "Verdict in Quenby trial\n\nA jury in Tarrow found former treasurer Mattias Quenby guilty of "
          "diverting 28 million from the Sollen pension fund. Judge Renata Okafor set sentencing for "
          "June.\n\nQuenby's lawyer Paulo Strand said he would appeal the Tarrow verdict.",
    "e1": "Quenby convicted\n\nMattias Quenby, once treasurer of the Sollen pension fund, was convicted "
          "in Tarrow of taking 28 million. Judge Renata Okafor will sentence him in June.\n\nDefence "
          "lawyer Paulo Strand promised an appeal.",
    "f1": "Tarrow jury finds Quenby guilty\n\nJurors in Tarrow convicted Mattias Quenby over the loss "
          "of 28 million from the Sollen pension fund, and Judge Renata Okafor scheduled sentencing. "
          "Paulo Strand, for the defence, said an appeal would follow.",
}


def corpus(*parts: dict[str, str], background: int = 30) -> dict[str, str]:
    out = filler(background)
    for p in parts:
        out.update(p)
    return out


def stories_of(result: S.Stories, ids) -> set[str]:
    return {result.story_id[i] for i in ids}


# --- text folding and tokens -------------------------------------------------

def test_fold_unifies_digits_marks_and_arabic_letter_variants():
    assert S.fold("\u0661\u0662\u0663") == "123"                       # Arabic-Indic digits
    assert S.fold("\u06f4\u06f5") == "45"                              # extended (Urdu) digits
    assert S.fold("re\u0301sume\u0301") == "resume"                    # combining accents dropped
    assert S.fold("\u064a") == S.fold("\u06cc")                        # Arabic yeh = Farsi yeh
    assert S.fold("\u0643") == S.fold("\u06a9")                        # Arabic kaf = keheh
    assert S.fold("a\u200cb") == "ab"                                  # zero-width non-joiner


def test_tokens_join_dotted_acronyms_and_split_unspaced_scripts_into_bigrams():
    keys = [t.key for t in S.tokens("The U.S. and the G.O.P. said 1,250 people")[0]]
    assert keys == ["the", "us", "and", "the", "gop", "said", "1250", "people"]
    assert [t.key for t in S.tokens("北京大学")[0]] == ["北京", "京大", "大学"]


def test_names_are_capitalised_runs_without_words_the_article_writes_in_lower_case():
    text = "The senator met Ilsa Brandt. Later the Town Council and Ilsa Brandt spoke; the council agreed."
    toks, folded = S.tokens(text)
    found = S.names(toks, folded)
    assert "ilsa brandt" in found
    assert "town council" not in found  # 'council' is also written in lower case
    assert S.names(*S.tokens("لاہور میں بارش ہوئی اور دریا بھر گیا")) == []  # no case, no names


# --- dates -------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    (" date 2024-08-26 Talks ended.", "2024-08-26"),
    ("Headline here\n\nCAIRO, Aug. 25 (AP) — Talks ended.", "--08-25"),
    ("Headline\n\nLIMA, 3 March 2021 (Reuters) - Prices rose.", "2021-03-03"),
    ("Headline\n\nلاہور ۔ 5 مارچ (اے پی پی) شہر میں بارش ہوئی", "--03-05"),
    ("Headline\n\nراولپنڈی ۔27جولائی (اے پی پی )محکمہ زراعت نے کہا", "--07-27"),  # July, typed against the day
    ("Headline\n\nاسلام آباد ۔ 12 مئی (اے پی پی) وزیر نے کہا", "--05-12"),  # May: its hamza is folded away
    ("Headline\n\nOn November 18, the paper suggested a link.", None),      # not a dateline
    ("Headline\n\nThe debate on Dec. 27th was cancelled.", None),
    ("Headline\n\nNo date at all here.", None),
])
def test_dateline_date_reads_only_a_dateline(text, expected):
    assert S.dateline_date(text) == expected


def test_date_distance_wraps_around_the_year_when_no_year_is_stated():
    assert S.date_distance("--12-31", "--01-01") == 1
    assert S.date_distance("2024-12-31", "2025-01-02") == 2
    assert S.date_distance("--03-01", "--03-05") == 4


# --- signatures, pairs, scores -------------------------------------------------

def test_signature_is_a_pure_function_of_the_text():
    a = S.signature("x", FLOOD["a1"])
    b = S.signature("y", FLOOD["a1"])
    assert np.array_equal(a.minhash, b.minhash) and np.array_equal(a.term_keys, b.term_keys)
    assert S.containment(a, b) == 1.0
    assert S.containment(a, S.signature("z", TRIAL["d1"])) < 0.1


def test_a_term_in_more_indexes_than_df_cap_proposes_no_pairs(monkeypatch):
    monkeypatch.setattr(S_signature, "DF_CAP", 3)
    common, rare = np.uint64(1), np.uint64(2)
    index = [[common, rare], [common, rare], [common], [common], [common]]
    bands = [np.zeros(0, np.uint64)] * 5
    pairs = S.candidate_pairs(bands, index)
    assert pairs.tolist() == [[0, 1]]


def test_veto_refuses_distant_dates_and_disjoint_figures():
    assert S.veto("--03-01", "--03-09", [], []) == "date"
    assert S.veto("--03-01", "--03-02", [], []) is None
    assert S.veto(None, "--03-09", [], []) is None
    assert S.veto(None, None, [1, 2, 3], [4, 5, 6]) == "figures"
    assert S.veto(None, None, [1, 2, 3], [3, 5, 6]) is None
    assert S.veto(None, None, [1, 2], [4, 5, 6]) is None


# --- grouping --------------------------------------------------------------------

def test_three_outlets_writing_one_event_themselves_form_one_story_and_another_event_another():
    r = S.group(corpus(FLOOD, TRIAL))
    assert len(stories_of(r, FLOOD)) == 1
    assert len(stories_of(r, TRIAL)) == 1
    assert stories_of(r, FLOOD) != stories_of(r, TRIAL)
    assert r.story_id["b1"] == "a1"           # story id: the smallest article id
    assert r.links["a1"] == "event"
    members = [a for a, sid in r.story_id.items() if sid in stories_of(r, FLOOD) | stories_of(r, TRIAL)]
    assert sorted(members) == sorted([*FLOOD, *TRIAL])   # no background article joins either story


# One topic, two occasions: the topic's words, none of an event's rare phrases (no two adjacent
# words the two print alike).
TOPIC = {
    "t1": "Harbour levy debate\n\nCouncillors argued over the harbour levy on Monday. The trawler owners said "
          "dredging costs had doubled, and the ferry operators asked for a pier subsidy. Wharf tolls would rise, "
          "the treasurer warned.",
    "t2": "Council returns to dredging\n\nSubsidy talk over its pier came back to councillors in March. Dredging was "
          "their largest cost, trawler crews complained, while harbour levies stayed unpaid. Tolls at each wharf were "
          "frozen by ferry companies.",
}


def test_shared_topic_words_link_only_with_a_strong_cosine_and_an_events_rare_phrases_always_link(monkeypatch):
    r = S.group(corpus(FLOOD, TOPIC))
    assert r.story_id["t1"] == r.story_id["t2"]  # a strong cosine (invented words: nothing else is shared)
    pair = [k for k, (a, b) in enumerate(r.edges.pairs) if {r.matrix.ids[a], r.matrix.ids[b]} == {"t1", "t2"}]
    assert pair and r.edges.phrases[pair[0]] < S_cluster.SPECIFIC_PHRASES
    # were the cosine below STRONG_EVENT, the topic's words alone would not link them; the flood's
    # outlets share its names and phrases ("Ilsa Brandt", "Orvik dam", "Kessel bridge") and still do
    monkeypatch.setattr(S_cluster, "STRONG_EVENT", 1.01)
    r = S.group(corpus(FLOOD, TOPIC))
    assert r.story_id["t1"] != r.story_id["t2"]
    assert len(stories_of(r, FLOOD)) == 1


def test_result_does_not_depend_on_input_order():
    arts = corpus(FLOOD, TRIAL)
    items = list(arts.items())
    random.Random(3).shuffle(items)
    assert S.group(dict(items)).story_id == S.group(arts).story_id


def test_copies_are_one_story_linked_by_reuse_even_past_the_bucket_cap():
    copies = {f"copy{i:03d}": FLOOD["a1"] + f"\n\nFiled by desk {i}." for i in range(S.BUCKET_CAP + 70)}
    r = S.group(corpus(copies, TRIAL))
    assert len(stories_of(r, copies)) == 1
    assert r.links[r.story_id["copy000"]] == "reuse"


def test_template_reports_with_different_figures_are_different_events():
    # two days of one market report, each filed by an agency and rewritten by a paper
    agency = ("Zorland index closes\n\nThe Zorland exchange index closed at {a} points, a change "
              "of {b} points, as {c} million shares of Brenmark and Ostyn traded.")
    paper = ("Brenmark and Ostyn lead trading\n\nShares worth {c} million changed hands and the "
             "Zorland exchange index moved {b} points to close at {a}.")
    days = {"m1": agency.format(a="4571.25", b="12.75", c="318"), "p1": paper.format(a="4571.25", b="12.75", c="318"),
            "m2": agency.format(a="4590.10", b="18.85", c="297"), "p2": paper.format(a="4590.10", b="18.85", c="297")}
    arts = corpus(days, background=100)                # "rare" needs 100+ articles to mean 2%
    r = S.group(arts)
    assert r.story_id["m1"] == r.story_id["p1"] and r.story_id["m2"] == r.story_id["p2"]
    assert r.story_id["m1"] != r.story_id["m2"]
    with pytest.MonkeyPatch.context() as mp:           # without the veto the template joins them
        mp.setattr(S_cluster, "FIGURE_MIN", 10**9)
        assert S.group(arts).story_id["m2"] == "m1"
    assert S.group(corpus(days, background=30)).story_id["m2"] == "m1"  # small corpus: no rare figures


def test_stated_dates_far_apart_split_otherwise_similar_articles():
    a = FLOOD["a1"].replace("VELMORA —", "VELMORA, May 3 (AP) —")
    b = FLOOD["b1"].replace("Rescue teams", "VELMORA, May 19 (AP) — Rescue teams")
    b = b.replace("\n\nVELMORA", "\n\nVELMORA")
    assert S.dateline_date(a) == "--05-03"
    r = S.group(corpus({"a1": a, "b1": b}))
    assert r.story_id["a1"] != r.story_id["b1"]
    r = S.group(corpus({"a1": a, "b1": FLOOD["b1"]}))          # one side undated: no veto
    assert r.story_id["a1"] == r.story_id["b1"]
    r = S.group(corpus({"a1": a, "b1": b}), dates={"b1": "2024-05-04"})  # curated date overrides
    assert r.story_id["a1"] == r.story_id["b1"]


def test_a_roundup_touching_two_events_does_not_chain_them_under_average_linkage():
    # a digest with one paragraph on each event and local news around them
    local = filler(3, seed=99)
    roundup = {"r1": "Week in review\n\n" + FLOOD["c1"].split("\n\n")[1] + "\n\n"
               + local["z000"].split("\n\n", 1)[1] + "\n\n" + TRIAL["f1"].split("\n\n")[1] + "\n\n"
               + local["z001"].split("\n\n", 1)[1]}
    arts = corpus(FLOOD, TRIAL, roundup)
    avg = S.group(arts)
    assert stories_of(avg, FLOOD) != stories_of(avg, TRIAL)
    single = S.group(arts, method="single")      # the chaining baseline does merge them
    assert stories_of(single, FLOOD) == stories_of(single, TRIAL)


def test_a_roundup_quoting_two_articles_in_full_is_a_copy_of_neither():
    r = {"r1": "Week in review\n\n" + FLOOD["c1"].split("\n\n", 1)[1] + "\n\n" + TRIAL["f1"].split("\n\n", 1)[1]}
    arts = corpus(FLOOD, TRIAL, r)
    ids = sorted(arts)
    sigs = {k: S.signature(k, arts[k]) for k in ids}
    assert S.containment(sigs["c1"], sigs["r1"]) > 0.7       # c1 is inside the roundup
    res = S.score_pairs(S.matrix([sigs[k] for k in ids], [S.vector(sigs[k], S.term_statistics(sigs.values())) for k in ids]),
                        np.array([[ids.index("c1"), ids.index("r1")]]))
    assert res.resemblance[0] < S.DUP_RESEMBLANCE            # ... but the roundup is no copy of c1


def _pseudo_words(rng: random.Random, letters: str, n: int) -> list[str]:
    return sorted({"".join(rng.choice(letters) for _ in range(rng.randint(3, 7))) for _ in range(n)})


@pytest.mark.parametrize("letters", [
    "ابپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنوہیے",   # Arabic script, no case
    "अआइईउऊएऐओऔकखगघचछजझटठडढणतथदधनपफबभमयरलवशसह",  # Devanagari
])
def test_caseless_scripts_group_by_shared_rare_words(letters):
    rng = random.Random(11)
    function = _pseudo_words(rng, letters, 25)            # in every article, like function words
    vocab = _pseudo_words(rng, letters, 20000)

    def body(k: int) -> list[str]:
        return [rng.choice(function) if rng.random() < 0.5 else rng.choice(vocab) for _ in range(k)]

    arts = {f"z{i:03d}": " ".join(body(150)) for i in range(30)}
    events = [_pseudo_words(rng, letters, 8) for _ in range(2)]
    for e, ev in enumerate(events):
        for k in range(3):
            words = body(100) + [w for w in ev for _ in range(2)]
            rng.shuffle(words)
            arts[f"e{e}{k}"] = " ".join(words)
    r = S.group(arts)
    assert len({r.story_id[f"e0{k}"] for k in range(3)}) == 1
    assert len({r.story_id[f"e1{k}"] for k in range(3)}) == 1
    assert r.story_id["e00"] != r.story_id["e10"]
    members = [a for a, sid in r.story_id.items() if sid in {r.story_id["e00"], r.story_id["e10"]}]
    assert sorted(members) == [f"e{e}{k}" for e in range(2) for k in range(3)]


def test_a_corpus_smaller_than_min_articles_is_one_story():
    small = {**FLOOD, **TRIAL}
    assert len(small) < S.MIN_ARTICLES
    assert set(S.group(small).story_id.values()) == {"a1"}


def test_statistics_of_shards_merge_to_the_statistics_of_the_whole():
    sigs = [S.signature(k, v) for k, v in sorted(corpus(FLOOD, TRIAL, background=10).items())]
    whole = S.term_statistics(sigs)
    merged = S.merge_statistics([S.term_statistics(sigs[:7]), S.term_statistics(sigs[7:])])
    assert np.array_equal(whole.keys, merged.keys) and np.array_equal(whole.df, merged.df)
    assert whole.population == merged.population and whole.documents == merged.documents


def test_articles_sharing_numbers_only_are_no_story():
    # A Hindi and a Chinese report and a Russian one, each with its own event and its own script,
    # printing the same numbers (a date, counts): nothing but numbers in common.
    reports = {
        "n_hi": "दिल्ली में भारी बारिश\n\nनई दिल्ली, 25 अगस्त राजधानी में रविवार को हुई भारी बारिश से कम से कम 12 लोगों "
                "की मौत हो गई। अगले 48 घंटों में और बारिश हो सकती है। शहर में 150 मिलीमीटर बारिश दर्ज की गई।",
        "n_zh": "北京暴雨\n\n北京8月25日电 北京市遭遇特大暴雨，造成至少12人死亡。未来48小时仍有强降雨，降雨量达150毫米。",
        "n_ru": "Переговоры в Москве\n\nМОСКВА, 25 августа. Переговоры продолжались 48 часов, в них участвовали "
                "12 делегаций и 150 журналистов.",
    }
    r = S.group(corpus(reports))
    assert len(stories_of(r, reports)) == 3


def test_a_script_written_by_few_articles_still_links_their_shared_words():
    # Two Hindi versions and two Chinese versions of one event each, among English stories: a
    # script of two articles must not count every word the two share as common to its language.
    hindi = {
        "hi1": "दिल्ली में भारी बारिश, 12 लोगों की मौत\n\nनई दिल्ली में रविवार को हुई भारी बारिश से कम से कम 12 लोगों की मौत "
              "हो गई। मौसम विभाग के अनुसार अगले 48 घंटों में और बारिश हो सकती है। यमुना का जलस्तर खतरे के निशान से ऊपर है।",
        "hi2": "दिल्ली में मूसलाधार बारिश से 14 की मौत\n\nराजधानी में रविवार को हुई मूसलाधार बारिश से 14 लोगों की मौत हो गई। "
              "मौसम विभाग के अनुसार अगले 48 घंटों में और बारिश हो सकती है। यमुना का जलस्तर खतरे के निशान से ऊपर पहुंच गया।",
    }
    chinese = {
        "zh1": "北京暴雨致12人死亡\n\n北京市遭遇特大暴雨，造成至少12人死亡。气象部门预计未来48小时仍有强降雨，永定河水位超过警戒线。",
        "zh2": "北京暴雨造成14人遇难\n\n北京市遭遇特大暴雨，造成14人遇难。气象部门预计未来两天仍有强降雨，永定河水位已超过警戒线。",
    }
    arts = {**filler(2), **FLOOD, **TRIAL, **hindi, **chinese}
    assert len(arts) >= S.MIN_ARTICLES
    r = S.group(arts)
    assert len(stories_of(r, hindi)) == 1 and len(stories_of(r, chinese)) == 1
    assert len(stories_of(r, FLOOD)) == 1 and len(stories_of(r, TRIAL)) == 1
    assert len(stories_of(r, {**FLOOD, **TRIAL, **hindi, **chinese})) == 4
