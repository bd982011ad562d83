"""newsprov.dataset.compare.reuse: token runs, directional shares and origin, on invented texts in several scripts."""

import subprocess
import sys

import pytest

from newsprov.dataset.compare import reuse as R

WIRE = (
    "Talks in Cairo on a ceasefire ended on Sunday without an agreement, a senior official said. "
    "Negotiators will meet again next week to close the remaining gaps. "
    "The official, who asked not to be named, said working groups would stay in the capital. "
    "Mediators from three countries took part in four days of meetings."
)
CUT = (
    "Talks in Cairo on a ceasefire ended on Sunday without an agreement, a senior official said. "
    "Negotiators will meet again next week to close the remaining gaps."
)


def surfaces(text):
    return [text[t.start:t.end] for t in R.tokenise(text)]


# --- tokens -------------------------------------------------------------------------

def test_offsets_give_the_surface_and_punctuation_is_not_a_token():
    text = "Israel’s army, “on Sunday”, said: 150,000 (sic)."
    assert surfaces(text) == ["Israel’s", "army", "on", "Sunday", "said", "150", "000", "sic"]


def test_indic_vowel_signs_and_arabic_harakat_stay_inside_their_word():
    assert surfaces("हिन्दी में समाचार") == ["हिन्दी", "में", "समाचार"]
    assert surfaces("عَرَبِيّ جديد") == ["عَرَبِيّ", "جديد"]


def test_numbers_typed_against_a_word_are_two_tokens():
    assert surfaces("9ماہ کیلئے 225کے تحت") == ["9", "ماہ", "کیلئے", "225", "کے", "تحت"]


def test_scripts_without_spaces_give_one_token_per_character_at_half_weight():
    toks = R.tokenise("2024年東京")
    assert [(t.norm, t.weight) for t in toks] == [("2024", 1.0), ("年", 0.5), ("東", 0.5), ("京", 0.5)]


def test_norm_folds_case_width_optional_diacritics_letter_variants_and_digits():
    norm = lambda w: R.tokenise(w)[0].norm
    assert norm("CAIRO") == norm("Cairo") == norm("ＣＡＩＲＯ")
    assert norm("José") == norm("Jose")
    assert norm("عَرَبِي") == norm("عربی")  # harakat dropped, Arabic yeh = Farsi yeh
    assert norm("كتاب") == norm("کتاب")  # Arabic kaf = keheh
    assert norm("۲۰۲۴") == norm("٢٠٢٤") == norm("२०२४") == "2024"
    assert norm("के") != norm("की")  # Devanagari vowel signs are letters, kept


# --- quotations ----------------------------------------------------------------------

def quotes(text):
    return [text[a:b] for a, b in R.quoted_spans(text)]


def test_quotations_in_several_conventions_and_apostrophes_are_not_quotes():
    text = 'He said "we will stay" and “they won’t leave,". Don’t ‘panic’ now. فلم ’’نئی صبح‘‘ ریلیز ہوئی۔ «Oui» 「はい」'
    assert quotes(text) == ['"we will stay"', "“they won’t leave,\"", "‘panic’", "’’نئی صبح‘‘", "«Oui»", "「はい」"]


def test_an_unclosed_quotation_runs_on_only_when_the_next_paragraph_reopens_it():
    text = '"We will stay until the end\n"and we will win," he said.\nA stray " mark here.'
    assert quotes(text) == ['"We will stay until the end', '"and we will win,"']


def test_urdu_single_marks_used_as_separators_are_not_quotations():
    assert quotes("کھلاڑی احمد ‘ علی ‘ اور حسن نے حصہ لیا۔") == []


# --- runs and shares -----------------------------------------------------------------

def test_a_cut_version_is_wholly_reused_and_the_wire_text_only_partly():
    r = R.compare(CUT, WIRE)
    assert r.share_a == pytest.approx(1.0)
    assert 0.3 < r.share_b < 0.6
    assert [x.kind for x in r.runs] == ["verbatim"]
    run = r.runs[0]
    assert CUT[run.a_start:run.a_end] == WIRE[run.b_start:run.b_end]


def test_a_sub_editors_changes_give_one_near_verbatim_run_with_spans_in_both():
    edited = WIRE.replace("senior official", "top US official").replace("remaining gaps", "last differences")
    r = R.compare(edited, WIRE)
    assert r.share_a > 0.9
    assert len(r.runs) == 1 and r.runs[0].kind == "near_verbatim"
    run = r.runs[0]
    assert edited[run.a_start:run.a_end].startswith("Talks in Cairo")
    assert WIRE[run.b_start:run.b_end].endswith("four days of meetings")


def test_a_moved_sentence_still_counts_but_a_short_phrase_out_of_order_does_not():
    sents = WIRE.split(". ")
    moved = ". ".join([sents[2], sents[0], sents[1], sents[3]])
    r = R.compare(moved, WIRE)
    assert r.share_a > 0.95
    a = "Working groups in the capital met on Monday. The police closed the bridge after the storm hit the coast."
    b = "The storm hit the coast early. Ministers said working groups in the capital would report soon."
    ta, tb = R.tokenise(a), R.tokenise(b)
    runs = R.find_runs(ta, tb)
    assert sorted((x.weight, x.in_order) for x in runs) == [(5.0, False), (5.0, True)]  # both kept as spans ...
    assert R.shares(runs, ta, tb)[0] == pytest.approx(5 / len(ta))  # ... only the ordered one counted


def test_independent_reports_sharing_names_and_a_quotation_share_nothing():
    a = ('Prime Minister Jane Doe visited the flooded valley on Monday. "We will rebuild every home," Doe said. '
         "Aid trucks were stuck on the main road for hours.")
    b = ('Residents of the valley waited for help as Jane Doe toured the area. "We will rebuild every home," '
         "she told them, before flying back to the capital.")
    r = R.compare(a, b)
    assert r.share_a == r.share_b == 0.0
    assert any("rebuild every home" in a[x.a_start:x.a_end] for x in r.runs)  # the quotation is still a run
    ta, tb = R.tokenise(a), R.tokenise(b)
    assert R.shares(r.runs, ta, tb, quotes=True)[0] > 0.0


@pytest.mark.parametrize("source, cut", [
    ("وزیر اعظم نے کہا کہ حکومت سیلاب سے متاثرہ علاقوں میں امدادی کام تیز کرے گی۔ انہوں نے بتایا کہ پانچ سو خاندانوں کو "
     "عارضی رہائش دی گئی ہے۔ اجلاس میں صوبائی وزراء نے بھی شرکت کی۔",
     "وزیر اعظم نے کہا کہ حکومت سیلاب سے متاثرہ علاقوں میں امدادی کام تیز کرے گی۔ اجلاس میں صوبائی وزراء نے بھی شرکت کی۔"),
    ("प्रधानमंत्री ने कहा कि सरकार बाढ़ प्रभावित इलाकों में राहत कार्य तेज करेगी। उन्होंने बताया कि पांच सौ परिवारों को "
     "अस्थायी आवास दिया गया है। बैठक में राज्य के मंत्री भी शामिल हुए।",
     "प्रधानमंत्री ने कहा कि सरकार बाढ़ प्रभावित इलाकों में राहत कार्य तेज करेगी। बैठक में राज्य के मंत्री भी शामिल हुए।"),
    ("总理表示政府将加快受灾地区的救援工作。他说已有五百个家庭获得临时住所。各省部长也出席了会议。",
     "总理表示政府将加快受灾地区的救援工作。各省部长也出席了会议。"),
])
def test_the_same_cut_is_measured_alike_in_urdu_hindi_and_chinese(source, cut):
    r = R.compare(cut, source)
    assert r.share_a == pytest.approx(1.0)
    assert 0.4 < r.share_b < 0.9
    assert r.origin == "b"


def test_chinese_texts_sharing_a_few_characters_are_not_reuse():
    r = R.compare("总理今天访问了北京的一所学校。", "北京今天下雨，交通十分拥堵。")
    assert r.share_a == r.share_b == 0.0


# --- origin --------------------------------------------------------------------------

def test_origin_is_the_container_unless_only_the_contained_text_carries_a_wire_credit():
    assert R.likely_origin(0.95, 0.40) == "b"
    assert R.likely_origin(0.40, 0.95) == "a"
    assert R.likely_origin(0.95, 0.40, credited_a=True) == "a"
    assert R.likely_origin(0.95, 0.40, credited_a=True, credited_b=True) == "b"


def test_no_origin_for_the_same_text_both_ways_or_for_independent_texts():
    assert R.likely_origin(0.97, 0.95) is None
    assert R.likely_origin(0.10, 0.05) is None


# --- candidate pairs -------------------------------------------------------------------

def test_candidate_pairs_stay_within_stories():
    other = ("The city council approved a new budget for schools on Tuesday after a long debate. "
             "Teachers welcomed the extra money for books and buses.")
    docs = {
        "a1": WIRE, "a2": CUT, "a3": WIRE.replace("Sunday", "Monday"),
        "b1": other, "b2": other.replace("Tuesday", "Wednesday"),
    }
    pairs = R.candidate_pairs({k: R.tokenise(v) for k, v in docs.items()})
    assert pairs == {("a1", "a2"), ("a1", "a3"), ("a2", "a3"), ("b1", "b2")}


def test_results_do_not_depend_on_the_hash_seed():
    code = ("from newsprov.dataset.compare import reuse as R; "
            f"W, C = {WIRE!r}, {CUT!r}; "
            "print(sorted(R.candidate_pairs({k: R.tokenise(v) for k, v in "
            "{'x': W, 'y': C, 'z': W[::-1]}.items()})), R.compare(W, C)[:2])")
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": seed, "PATH": ""}).stdout
            for seed in ("1", "2")}
    assert len(outs) == 1 and "x" in outs.pop()


# --- anchored word pairs (reuse2) ---------------------------------------------------

EDITED_A = "The finance minister announced on Tuesday that diesel tariffs in all provinces may rise sharply next year."
EDITED_B = "The finance minister announced on Tuesday that the cost of fuel for households would rise sharply from January."


def test_a_word_pair_left_between_edits_of_a_copied_sentence_counts():
    ta, tb = R.tokenise(EDITED_A), R.tokenise(EDITED_B)
    runs = R.find_runs(ta, tb)
    assert [(EDITED_A[r.a_start:r.a_end], r.anchored) for r in runs] == [
        ("The finance minister announced on Tuesday that", False), ("rise sharply", True)]
    pair = runs[1]
    assert EDITED_B[pair.b_start:pair.b_end] == "rise sharply"
    assert R.shares(runs, ta, tb)[0] == pytest.approx(9 / len(ta))
    old = R.find_runs(ta, tb, anchored_run=None)  # runs of MIN_RUN only, as before
    assert R.shares(old, ta, tb)[0] == pytest.approx(7 / len(ta))


def test_a_word_pair_farther_than_the_window_from_any_run_does_not_count():
    a = EDITED_A.replace("diesel tariffs in all provinces may",
                         "diesel tariffs in all provinces and cooking gas prices in major cities may")
    ta, tb = R.tokenise(a), R.tokenise(EDITED_B)
    assert [a[r.a_start:r.a_end] for r in R.find_runs(ta, tb)] == ["The finance minister announced on Tuesday that"]
    assert R.find_runs(ta, tb, anchor_window=20)[-1].anchored  # the same pair within a wider window


def test_a_word_pair_on_opposite_sides_of_the_run_in_the_two_texts_is_not_anchored():
    a = "Rise sharply, the finance minister announced on Tuesday, is what diesel tariffs will do next year."
    b = "The finance minister announced on Tuesday that the cost of fuel would rise sharply."
    runs = R.find_runs(R.tokenise(a), R.tokenise(b))
    assert [a[r.a_start:r.a_end] for r in runs] == ["the finance minister announced on Tuesday"]


def test_a_name_next_to_a_quotation_both_print_is_not_anchored_by_it():
    a = 'Jane Doe visited the valley. "We will rebuild every home," she said.'
    b = 'Crowds cheered Jane Doe. "We will rebuild every home," the minister promised.'
    ta, tb = R.tokenise(a), R.tokenise(b)
    runs = R.find_runs(ta, tb)
    assert not any(r.anchored for r in runs)
    assert R.shares(runs, ta, tb) == (0.0, 0.0)
    # the same name next to a narrative run of three words is anchored
    a2, b2 = "Jane Doe visited the flooded valley on Monday.", "Crowds cheered Jane Doe as she arrived; later she visited the flooded valley."
    runs2 = R.find_runs(R.tokenise(a2), R.tokenise(b2))
    assert [(a2[r.a_start:r.a_end], r.anchored) for r in runs2] == [("Jane Doe", True), ("visited the flooded valley", False)]


def _tiles_by_priority_queue(a: list[str], b: list[str], n: int) -> list[tuple[int, int, int]]:
    """Greedy string tiling as Wise (1993) states it, for reference: every maximal common run of
    at least n tokens, longest first (ties: earlier in a, then in b), kept when both sides are
    still free, else its free parts go back into the queue. No seed skipping: used only on
    texts where no token occurs more than MAX_SEED_OCCURRENCES times."""
    import heapq

    heap = []
    for i in range(len(a)):
        for j in range(len(b)):
            if a[i] == b[j] and not (i and j and a[i - 1] == b[j - 1]):
                k = 0
                while i + k < len(a) and j + k < len(b) and a[i + k] == b[j + k]:
                    k += 1
                if k >= n:
                    heap.append((-k, i, j))
    heapq.heapify(heap)
    ma, mb, out = [False] * len(a), [False] * len(b), []
    while heap:
        negk, i, j = heapq.heappop(heap)
        k = -negk
        if not any(ma[i:i + k]) and not any(mb[j:j + k]):
            out.append((i, j, k))
            ma[i:i + k] = mb[j:j + k] = [True] * k
            continue
        s = None
        for t in range(k + 1):
            free = t < k and not ma[i + t] and not mb[j + t]
            if free and s is None:
                s = t
            elif not free and s is not None:
                if t - s >= n:
                    heapq.heappush(heap, (-(t - s), i + s, j + s))
                s = None
    return sorted(out)


def test_tiling_takes_tiles_in_the_order_of_a_priority_queue():
    import random

    rng = random.Random(7)
    for case in range(300):
        vocab = [chr(97 + v) for v in range(rng.randint(2, 8))]
        a = [rng.choice(vocab) for _ in range(rng.randint(0, 40))]
        b = a[rng.randint(0, 10):] if case % 2 else [rng.choice(vocab) for _ in range(rng.randint(0, 40))]
        b = [w if rng.random() > 0.15 else rng.choice(vocab) for w in b]
        if any(max(s.count(w) for w in set(s)) > R.MAX_SEED_OCCURRENCES for s in (a, b) if s):
            continue
        ta = [R.Token(i, i + 1, w, 1.0) for i, w in enumerate(a)]
        tb = [R.Token(i, i + 1, w, 1.0) for i, w in enumerate(b)]
        for n in (1, 2, 3):
            assert [tuple(t) for t in R._tiles(ta, tb, n)] == _tiles_by_priority_queue(a, b, n), (a, b, n)


def test_one_token_tiling_gives_the_tiles_of_the_greedy_loop():
    """R._tiles_unigram (numpy seeds, one-token candidates taken per token) against the bucket loop
    of R._tiles_greedy at min_tile 1: texts with frequent tokens (past MAX_SEED_OCCURRENCES), long
    copied runs with edits, repeated blocks, and texts of one token."""
    import random

    rng = random.Random(11)
    checked = 0
    for case in range(400):
        vocab = [f"w{v}" for v in range(rng.randint(1, 30))]
        size = rng.choice((0, 1, 5, 40, 200))
        a = [rng.choice(vocab[:3]) if rng.random() < 0.4 else rng.choice(vocab) for _ in range(size)]
        if case % 3 == 0:
            b = a[rng.randint(0, max(0, size // 3)):]
            b = [w if rng.random() > 0.1 else rng.choice(vocab) for w in b]
        elif case % 3 == 1:
            block = a[: max(1, size // 4)]
            b = block * rng.randint(1, 4) + [rng.choice(vocab) for _ in range(rng.randint(0, 20))]
        else:
            b = [rng.choice(vocab) for _ in range(rng.choice((0, 1, 30, 150)))]
        ta = [R.Token(i, i + 1, w, 1.0) for i, w in enumerate(a)]
        tb = [R.Token(i, i + 1, w, 1.0) for i, w in enumerate(b)]
        assert R._tiles_unigram(ta, tb, None) == R._tiles_greedy(ta, tb, 1), (case, a, b)
        checked += bool(a and b)
    assert checked > 200


def test_prepared_texts_give_the_same_runs_and_shares_as_unprepared_ones():
    # prepare() computes once per text what every pair needs (token ids, prefix sums, the kept
    # tokens, their weight); with it a pair's runs and shares must be the same, in a text whose
    # words all weigh 1 (counted) and in one with Chinese characters (weights of 0.5)
    from newsprov.dataset.compare.reuse_links import pair_reuse

    zh = "北京消息，谈判周日在开罗结束。" + WIRE + " “We will return,” he said. 双方将于下周再次会面。"
    docs = {"wire": WIRE, "cut": CUT + " “We will return,” he said.", "zh": zh,
            "zh2": zh.replace("开罗", "多哈"), "quoted": "“" + CUT + "”"}
    tokens = {d: R.tokenise(t) for d, t in docs.items()}
    prepared = R.prepare(tokens)
    assert prepared["wire"].uniform and not prepared["zh"].uniform
    checked = 0
    for a in docs:
        for b in docs:
            if a != b:
                plain = pair_reuse(tokens[a], tokens[b])
                fast = pair_reuse(tokens[a], tokens[b], (prepared[a], prepared[b]))
                assert fast == plain, (a, b)
                checked += plain[0] > 0
    assert checked >= 10


def test_the_plain_word_pattern_gives_the_tokens_of_the_full_one(monkeypatch):
    # a text with no combining mark or joiner is read by a simpler pattern (the class of every mark
    # is slow); its tokens must be those of the full pattern, in texts with marks and without
    from hypothesis import given, settings, strategies as st

    alphabet = "aZé\u0301ß’'-.,:1٣9 \n“”\u200c\u200dکہ\u064eी\u093e中文한ʼ_"
    samples = [WIRE, CUT, "Café’s 10-month war, l'armée: 150,000", "دنیا نیوز (اے پی پی) ۲۵ اگست", "नई दिल्ली",
               "北京消息，谈判周日在开罗结束。", "Cafe\u0301 A\u200cB", "naïve don’t 9ماہ"]

    def both(text):
        fast = R.tokenise(text)
        with monkeypatch.context() as m:
            m.setattr(R, "_PLAIN_WORD_RE", R._WORD_RE)
            full = R.tokenise(text)
        assert fast == full, text
        return fast

    assert all(both(t) for t in samples)

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet=alphabet, max_size=40))
    def random_texts(text):
        both(text)

    random_texts()
