"""Rules over one aligned sentence pair (x in one version, y in another).

``pair_observations(x, y, similarity) -> list[Obs]``: the two sentences are
word-aligned (``align.align``); each edit block is read by the rules below, in
this order, and a block may give several kinds (a verb of attribution and a
modal changed in one block are two drifts). Words inside quotation marks are
the speaker's and are left to the quote rules, except for negation.

* attribution / verb-force: an unmatched reporting verb on each side, of
  different force classes (``lexicons.ATTRIBUTION``), paired in order.
* attribution / named-source-dropped: a personal name (two or more capitalised
  words) deleted right before or after a reporting verb that both print.
* attribution / agentless: "are seen as", "is believed" (a passive perception or
  reporting verb without "by") where the other version names who holds the view.
* modality / modal-verb: modal verbs of different force classes in one block.
* modality / hedge: a hedge ("at least" not before a number, "apparently",
  "whether", "in hopes of" ...) that the other sentence lacks.
* negation / negator: a negator inside a block whose other side has none, the
  two sentences having different numbers of negators.
* reversal / antonym: opposite relational words face each other
  (won/lost, rose/fell), neither printed by the other sentence.
* reversal / causal-order: one version calls an act pre-emptive, the other a
  response (retaliation) and does not call it pre-emptive... or does, but adds
  the response framing.
* time_reference / weekday, month, year, anchor, sequence: temporal expressions
  facing each other with different values (Tuesday/Thursday, last month/the
  previous month, after/before, as/after).
* figure_value / aligned-numbers: numbers facing each other with different values.
* figure_qualifier / rank: "one of the largest" vs "the largest".
* framing / evaluative-lexicon: a word of evaluative strength >= 0.5
  (``evaluative``) facing a counterpart at least 0.25 weaker, or nothing.
* wording / weaker-word: a strong word the other version prints elsewhere (so no framing
  choice) put in place of one word the lexicon rates at least 0.25 weaker ("war" / "conflict";
  an unrated word is another word, not a weaker one: "friends" / "family"), one word for
  one, in sentences of similarity >= ``SUBSTITUTION_MIN_SIMILARITY``.
* wording / outcome-vs-attempt: a verb of achieved outcome (hit, struck, bridge,
  resolve) facing a verb of attempt or intent (targeted, aimed, address), in a
  block no rule above read. Other substitutions are not reported: without a
  licensed synonym resource, "concluded/ended", "remain/stay" (not drifts) cannot
  be told from meaning-bearing ones, and reporting them all was mostly trivial
  on the seeds.
* name pairs (returned separately): capitalised words facing each other one to one.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import Indel

from newsprov.dataset.compare.drift import evaluative
from newsprov.dataset.compare.drift.word_align import Block, align
from newsprov.dataset.compare.drift.word_classes import (ANTONYM, APPROX, ATTRIBUTION, CAUSAL_FIRST, CAUSAL_RESPONSE, HEDGE_PHRASES, HEDGES,
                            LOWER, MODAL, MONTHS, NEGATORS, RELATIVE_TIME, SEQUENCE, TIME_UNITS, TITLES,
                            UPPER, WEEKDAYS, style_equivalent)
from newsprov.dataset.compare.drift.collapse import Mark, Obs
from newsprov.dataset.compare.drift.article_view import Sent
from newsprov.dataset.compare.drift.words import STOPWORDS, Tok, fold_key, is_number, stem

__all__ = ["pair_observations", "NAME_SIM", "OUTCOME", "ATTEMPT"]

# A word put in place of another is read as an edit (wording / weaker-word) only in sentences this
# similar: most of their words shared, one sentence rewritten. Between 0.4 (sentence_links' floor)
# and 0.6 two outlets' sentences on one subject differ by construction, not by an edited word
# (PolNeAR: "the number needed to secure the nomination" / "It takes 1,237 delegates to win the
# nomination", 0.47; the seeds' "Israel-Hamas war" / "Israel-Hamas conflict" lede, 0.8).
SUBSTITUTION_MIN_SIMILARITY = 0.6

# Verbs of an achieved outcome vs verbs of an attempt or intent: news copy that turns
# "struck 270 targets" into "targeted 270 sites" (or "bridge the gaps" into "address
# them") changes what the reader is told happened.
OUTCOME = frozenset(stem(fold_key(w)) for w in (
    "hit hits struck strike strikes kill killed kills destroy destroyed destroys reach reached reaches bridge bridged "
    "resolve resolved resolves secure secured eliminate eliminated capture captured seize seized achieve achieved "
    "win won defeat defeated shoot shot intercept intercepted pass passed").split())
ATTEMPT = frozenset(stem(fold_key(w)) for w in (
    "target targeted targets targeting aim aimed aims aiming seek sought seeks try tried tries attempt attempted "
    "attempts pursue pursued plan planned intend intended address addressed addresses addressing tackle tackled "
    "propose proposed push pushed").split())


def _num(key: str) -> str:
    m = re.match(r"\d+(?:\.\d+)?", key)
    return m.group() if m else key

NAME_SIM = 0.7      # character similarity of two spellings of one name (project's NAME_SIM)
_AS_NOT_TEMPORAL = frozenset("part well such much many long soon if though of to for result opposed usual "
                             "expected possible likely good far".split())
_PASSIVE_AUX = frozenset("is are was were been being be".split())
_PERCEPTION = frozenset("seen viewed considered believed thought expected said reported regarded described "
                        "deemed understood known alleged".split())


def _mark(s: Sent, toks: list[Tok], reading: str, loaded: bool = False) -> Mark:
    return Mark(s.aid, toks[0].start, toks[-1].end, reading, loaded)


def _head(s: Sent, i: int) -> list[Tok]:
    """The token an insertion at position i attaches to: the next one, else the previous."""
    if i < len(s.toks):
        return [s.toks[i]]
    return [s.toks[i - 1]] if i > 0 else []


def _side(s: Sent, i0: int, i1: int, reading: str = "") -> Mark:
    toks = s.toks[i0:i1] or _head(s, i0)
    if not toks:
        return Mark(s.aid, s.start, s.start, reading)
    return _mark(s, toks, reading)


def _temporal(s: Sent, i0: int, i1: int, other_keys: set[str]) -> list[tuple[int, str]]:
    """(index, value) of temporal expressions in s.toks[i0:i1]."""
    out = []
    toks = s.toks
    for i in range(i0, i1):
        t = toks[i]
        k = t.key
        if s.quoted[i]:
            continue
        if k in WEEKDAYS and t.cap:
            out.append((i, f"weekday={WEEKDAYS[k]}"))
        elif k in MONTHS and t.cap:
            out.append((i, f"month={MONTHS[k]}"))
        elif k == "may" and t.cap and i > 0 and not (i + 1 < len(toks) and not toks[i + 1].key[:1].isdigit()):
            out.append((i, "month=4"))
        elif len(k) == 4 and k.isdigit() and k[:2] in ("19", "20"):
            out.append((i, f"year={k}"))
        elif k in RELATIVE_TIME:
            unit = next((toks[j].key for j in range(i + 1, min(i + 3, len(toks))) if toks[j].key in TIME_UNITS),
                        None)
            if k in ("last", "next", "previous", "preceding", "prior", "following", "coming", "upcoming") and not unit:
                continue
            if k == "ago" and not any(toks[j].key in TIME_UNITS for j in range(max(0, i - 3), i)):
                continue
            out.append((i, f"relative={RELATIVE_TIME[k]}"))
        elif k in SEQUENCE:
            if k == "as":
                nxt = toks[i + 1].key if i + 1 < len(toks) else ""
                if nxt in _AS_NOT_TEMPORAL or not (other_keys & {"after", "before", "following", "followed"}):
                    continue
                if i > 0 and toks[i - 1].key in ("such", "so", "as", "well", "just"):
                    continue
            if k in ("while", "when", "during", "amid") and not (other_keys & {"after", "before", "following",
                                                                              "followed"}):
                continue
            if k in ("since", "until", "prior", "ahead", "following"):
                if k == "prior" and not (i + 1 < len(toks) and toks[i + 1].key == "to"):
                    continue
                if k == "ahead" and not (i + 1 < len(toks) and toks[i + 1].key == "of"):
                    continue
            out.append((i, f"sequence={SEQUENCE[k]}"))
    return out


def _hedges(s: Sent, i0: int, i1: int) -> list[tuple[int, int, str]]:
    out = []
    toks = s.toks
    i = i0
    while i < i1:
        if s.quoted[i]:
            i += 1
            continue
        hit = None
        for ph in HEDGE_PHRASES:
            n = len(ph)
            if i + n <= i1 and tuple(t.key for t in toks[i:i + n]) == ph:
                if ph == ("at", "least") and i + n < len(toks) and (is_number(toks[i + n].key) or toks[i + n].key in (
                        "a", "an", "one", "some", "dozens", "hundreds", "thousands", "millions", "several")):
                    break  # a bound on a number: figure_qualifier
                hit = (i, i + n, " ".join(ph))
                break
        if hit is None and toks[i].key in HEDGES:
            hit = (i, i + 1, toks[i].key)
        if hit:
            out.append(hit)
            i = hit[1]
        else:
            i += 1
    return out


def _is_name(toks: list[Tok]) -> bool:
    caps = [t for t in toks if t.cap and t.key not in TITLES and t.key not in STOPWORDS]
    return len(caps) >= 2 and all(t.cap or t.key in ("al", "bin", "de", "van", "von", "ibn") for t in toks if not
                                  (t.key in TITLES))


def pair_observations(x: Sent, y: Sent, similarity: float, ctx=None) -> tuple[list[Obs], list[tuple[Tok, Tok, str, str]]]:
    """Observations for one aligned pair, and the name pairs it shows (module doc).

    ``ctx`` (optional) gives ``near(sent) -> set of keys`` of a sentence and its
    neighbours and ``stems(article) -> set of stems`` of a whole version: an element
    claimed absent from the other version (a hedge, a loaded word) must be absent
    from its neighbourhood (hedge) or from the whole version (loaded word).
    """
    obs: list[Obs] = []
    names: list[tuple[Tok, Tok, str, str]] = []
    blocks = align(x.toks, y.toks)
    if not blocks:
        return obs, names
    xkeys = {t.key for t in x.toks}
    ykeys = {t.key for t in y.toks}
    near_x = ctx.near(x) if ctx else xkeys
    near_y = ctx.near(y) if ctx else ykeys
    all_x = ctx.stems(x.aid) if ctx else {t.stem for t in x.toks}
    all_y = ctx.stems(y.aid) if ctx else {t.stem for t in y.toks}
    det = {"similarity": round(similarity, 4)}
    fired_blocks: set[int] = set()

    # --- attribution: verb force, paired across the sentence in order
    def cues(s: Sent, rng) -> list[int]:
        return [i for i in rng if not s.quoted[i] and s.toks[i].key in ATTRIBUTION]
    xc, yc = [], []
    for bi, b in enumerate(blocks):
        cx, cy = cues(x, range(b.i0, b.i1)), cues(y, range(b.j0, b.j1))
        xc += [(bi, i) for i in cx]
        yc += [(bi, j) for j in cy]
    for (bx, i), (by, j) in zip(xc, yc):
        ci, cj = ATTRIBUTION[x.toks[i].key], ATTRIBUTION[y.toks[j].key]
        if ci != cj:
            ti, tj = [x.toks[i]], [y.toks[j]]
            if x.toks[i].key == "according" and i + 1 < len(x.toks):
                ti = x.toks[i:i + 2]
            if y.toks[j].key == "according" and j + 1 < len(y.toks):
                tj = y.toks[j:j + 2]
            obs.append(Obs("attribution", "verb-force", (_mark(x, ti, ci), _mark(y, tj, cj)),
                           det | {"class_a": ci, "class_b": cj}))
            fired_blocks.update((bx, by))
    # named source dropped next to a shared reporting verb
    for bi, b in enumerate(blocks):
        for s, o, i0, i1, j0, j1 in ((x, y, b.i0, b.i1, b.j0, b.j1), (y, x, b.j0, b.j1, b.i0, b.i1)):
            seg = s.toks[i0:i1]
            if not seg or not _is_name(seg) or any(o.toks[k].cap for k in range(j0, j1)):
                continue
            okeys = {t.key for t in o.toks}
            if any(t.key in okeys for t in seg if t.cap and t.key not in TITLES):
                continue
            after = s.toks[i1] if i1 < len(s.toks) else None
            before = s.toks[i0 - 1] if i0 > 0 else None
            cue = None
            if after is not None and after.key in ATTRIBUTION:
                cue = j1 if j1 < len(o.toks) and o.toks[j1].key == after.key else None
            elif before is not None and before.key in ATTRIBUTION:
                cue = j0 - 1 if j0 > 0 and o.toks[j0 - 1].key == before.key else None
            if cue is None or cue < 0:
                continue
            obs.append(Obs("attribution", "named-source-dropped",
                           (_mark(s, seg, "named"), _mark(o, [o.toks[cue]], "unnamed")), dict(det)))
            fired_blocks.add(bi)
    # agentless passive of a perception/reporting verb vs a named holder of the view
    for bi, b in enumerate(blocks):
        for s, o, i0, i1, j0, j1 in ((x, y, b.i0, b.i1, b.j0, b.j1), (y, x, b.j0, b.j1, b.i0, b.i1)):
            for i in range(max(i0, 1), i1):
                if (s.toks[i].key in _PERCEPTION and s.toks[i - 1].key in _PASSIVE_AUX and not s.quoted[i]
                        and not any(t.key == "by" for t in s.toks[i + 1:i + 8])):
                    verbs = [k for k in range(j0, j1) if o.toks[k].stem in ("view", "see", "consider", "believe",
                                                                          "think", "regard", "deem") or
                             o.toks[k].key in ATTRIBUTION]
                    if verbs and j0 < verbs[0]:
                        k = verbs[0]
                        obs.append(Obs("attribution", "agentless", (_mark(s, s.toks[i - 1:i + 1], "agentless"),
                                                                    _mark(o, o.toks[j0:k + 1], "named-holder")),
                                       dict(det)))
                        fired_blocks.add(bi)
                        break

    for bi, b in enumerate(blocks):
        xs, ys = x.toks[b.i0:b.i1], y.toks[b.j0:b.j1]
        xk = [t.key for t in xs]
        yk = [t.key for t in ys]
        fired = bi in fired_blocks
        if "".join(xk) == "".join(yk):
            continue  # "lower level" / "lower-level": spacing only
        # --- modality
        mx = [(i, MODAL[x.toks[i].key]) for i in range(b.i0, b.i1) if x.toks[i].key in MODAL and not x.quoted[i]]
        my = [(j, MODAL[y.toks[j].key]) for j in range(b.j0, b.j1) if y.toks[j].key in MODAL and not y.quoted[j]]
        if mx and my and {c for _, c in mx} != {c for _, c in my}:
            obs.append(Obs("modality", "modal-verb", (_mark(x, [x.toks[mx[0][0]]], mx[0][1]),
                                                      _mark(y, [y.toks[my[0][0]]], my[0][1])), dict(det)))
            fired = True
        for s, o, i0, i1, j0, j1, okeys in ((x, y, b.i0, b.i1, b.j0, b.j1, near_y), (y, x, b.j0, b.j1, b.i0, b.i1, near_x)):
            for h0, h1, hk in _hedges(s, i0, i1):
                if hk.split()[0] in okeys and all(w in okeys for w in hk.split()):
                    continue
                if hk in ("expected", "hope", "hopes", "hoped", "hoping") and any(
                        t.stem in ("hope", "expect") for t in o.toks):
                    continue
                hk_i = next((k for k in range(h1, min(len(s.toks), h1 + 4)) if s.toks[k].content), h1)
                head = s.toks[h1:hk_i + 1] if h1 < len(s.toks) else []
                lo = None
                if True:
                    # the counterpart is the word the hedge attaches to, as the other version prints it
                    m = None
                    if head:
                        from newsprov.dataset.compare.drift.word_align import matched_pairs  # local import: rare path
                        mp = matched_pairs(s.toks, o.toks)
                        if hk_i in mp:
                            m = _mark(o, [o.toks[mp[hk_i]]], "")
                    lo = m or (_side(o, j0, j1) if 0 < j1 - j0 <= 3 else _side(o, j0, j0))
                obs.append(Obs("modality", "hedge", (_mark(s, s.toks[h0:h1] + head, hk, loaded=True), Mark(lo.article, lo.start,
                                                                                             lo.end, "")),
                               det | {"hedge": hk}))
                fired = True
        # --- negation
        nx = [i for i in range(b.i0, b.i1) if x.toks[i].key in NEGATORS]
        ny = [j for j in range(b.j0, b.j1) if y.toks[j].key in NEGATORS]
        cx = sum(t.key in NEGATORS for t in x.toks)
        cy = sum(t.key in NEGATORS for t in y.toks)
        if bool(nx) != bool(ny) and cx != cy and 0 < b.i0 and 0 < b.j0 and b.i1 < len(x.toks) and b.j1 < len(y.toks) \
                and (b.i1 - b.i0) <= 4 and (b.j1 - b.j0) <= 4:
            s, o, idx, j0, j1 = (x, y, nx, b.j0, b.j1) if nx else (y, x, ny, b.i0, b.i1)
            obs.append(Obs("negation", "negator", (_mark(s, [s.toks[idx[0]]], "negated"),
                                                   _side(o, j0, j1, "affirmed")), dict(det)))
            fired = True
        # --- reversal: antonyms facing each other
        for i, t in enumerate(xs):
            opp = ANTONYM.get(t.key)
            if not opp or x.quoted[b.i0 + i]:
                continue
            for j, u in enumerate(ys):
                if u.key in opp and u.key not in xkeys and t.key not in ykeys:
                    obs.append(Obs("reversal", "antonym", (_mark(x, [t], t.key), _mark(y, [u], u.key)),
                                   det | {"pair": f"{t.key}/{u.key}"}))
                    fired = True
        # --- time reference
        tx = _temporal(x, b.i0, b.i1, set(yk))
        ty = _temporal(y, b.j0, b.j1, set(xk))
        if tx and ty:
            fx = {v.split("=")[0]: (i, v) for i, v in tx}
            fy = {v.split("=")[0]: (j, v) for j, v in ty}
            for f in sorted(set(fx) & set(fy)):
                (i, vx), (j, vy) = fx[f], fy[f]
                if vx != vy:
                    ti = [x.toks[i]] if f != "relative" else x.toks[max(b.i0, i - 1):min(b.i1, i + 2)]
                    tj = [y.toks[j]] if f != "relative" else y.toks[max(b.j0, j - 1):min(b.j1, j + 2)]
                    obs.append(Obs("time_reference", f, (_mark(x, ti, vx), _mark(y, tj, vy)), dict(det)))
                    fired = True
            if "sequence" in fx and "sequence" not in fy or "sequence" in fy and "sequence" not in fx:
                pass
        # --- numbers facing each other
        numx = [t for t in xs if is_number(t.key)]
        numy = [t for t in ys if is_number(t.key)]
        vx, vy = {_num(t.key) for t in numx}, {_num(t.key) for t in numy}
        if numx and numy and vx != vy and not (vx & vy):
            obs.append(Obs("figure_value", "aligned-numbers", (_mark(x, numx, " ".join(sorted(vx))),
                                                             _mark(y, numy, " ".join(sorted(vy)))), dict(det)))
            fired = True
        # --- rank qualifier: "one of the largest" vs "the largest"
        for s, o, seg, i0, j0, j1 in ((x, y, xs, b.i0, b.j0, b.j1), (y, x, ys, b.j0, b.i0, b.i1)):
            keys = [t.key for t in seg]
            if "1" in keys and "of" in keys:
                k = keys.index("1")
                if k + 1 < len(keys) and keys[k + 1] == "of":
                    nxt = s.toks[i0 + k + 2: i0 + k + 5]
                    if any(t.key.endswith("est") or t.key in ("most", "leading", "top", "biggest", "best", "worst")
                           for t in nxt):
                        obs.append(Obs("figure_qualifier", "rank", (_mark(s, seg[k:k + 2] + nxt[:2], "one-of"),
                                                                    _side(o, j0, j1, "the")), dict(det)))
                        fired = True
        # --- framing: evaluative word vs neutral or absent counterpart
        def strong(s: Sent, i0: int, i1: int):
            out = []
            for i in range(i0, i1):
                t = s.toks[i]
                if s.quoted[i] or t.key in ATTRIBUTION or t.key in MODAL or t.key in NEGATORS or t.key in STOPWORDS:
                    continue
                if t.cap and i > 0:
                    continue  # names
                st = evaluative.strength(t.text)
                if st >= evaluative.THRESHOLD and not evaluative.plain_sense_at(s.toks, i):
                    out.append((i, st))
            return out
        fsx, fsy = (strong(x, b.i0, b.i1), strong(y, b.j0, b.j1)) if not fired else ([], [])
        for s, o, fs, i0, i1, j0, j1, okeys in ((x, y, fsx, b.i0, b.i1, b.j0, b.j1, all_y), (y, x, fsy, b.j0, b.j1, b.i0, b.i1, all_x)):
            if not fs:
                continue
            i, st = max(fs, key=lambda p: p[1])
            other = max((evaluative.strength(o.toks[k].text) for k in range(j0, j1) if not o.quoted[k]), default=0.0)
            if s.toks[i].stem in okeys:
                # the other version prints the word elsewhere, so it is no framing choice of this one; but
                # one word put in its place by a weaker one ("war" / "conflict") still tells the reader less
                # (weaker on the lexicon's scale: a word it does not rate is another word, "friends" / "family")
                if (i1 - i0 == 1 and j1 - j0 == 1 and similarity >= SUBSTITUTION_MIN_SIMILARITY
                        and o.toks[j0].content and not o.quoted[j0] and 0 < other <= st - evaluative.MARGIN):
                    obs.append(Obs("wording", "weaker-word", (_mark(s, [s.toks[i]], "stronger", loaded=True),
                                                              _mark(o, [o.toks[j0]], "weaker")),
                                   det | {"strength": round(st, 2), "counterpart": round(other, 2)}))
                    fired = True
                continue
            if other <= st - evaluative.MARGIN:
                k0 = i
                while k0 > 0 and evaluative.is_booster(s.toks[k0 - 1].text):
                    k0 -= 1
                obs.append(Obs("framing", "evaluative-lexicon",
                               (_mark(s, s.toks[k0:i + 1], s.toks[i].stem, loaded=True),
                                _side(o, j0, j1, "") if j1 - j0 <= 3 else _side(o, j0, j0, "")),
                               det | {"strength": round(st, 2), "counterpart": round(other, 2)}))
                fired = True
        # --- names facing each other one to one
        if len(xs) == len(ys) and len(xs) <= 3:
            for t, u in zip(xs, ys):
                if t.cap and u.cap and t.key != u.key and not is_number(t.key):
                    names.append((t, u, x.aid, y.aid))
        # --- wording: an outcome verb facing an attempt verb ("hit" / "targeted", "bridge" / "address")
        if not fired and xs and ys and len(xs) <= 3 and len(ys) <= 3 and not any(x.quoted[b.i0:b.i1]) \
                and not any(y.quoted[b.j0:b.j1]):
            ox = [t for t in xs if t.stem in OUTCOME]
            ax = [t for t in xs if t.stem in ATTEMPT]
            oy = [t for t in ys if t.stem in OUTCOME]
            ay = [t for t in ys if t.stem in ATTEMPT]
            pair = (ox, ay) if ox and ay and not oy and not ax else ((ax, oy) if ax and oy and not ox and not ay else None)
            if pair and not (xkeys & {t.key for t in ys} - {t.key for t in xs}):
                tx, ty = pair
                obs.append(Obs("wording", "outcome-vs-attempt", (_mark(x, tx[:1], "outcome" if tx is ox else "attempt"),
                                                                 _mark(y, ty[:1], "attempt" if tx is ox else "outcome")),
                               dict(det)))
    # --- reversal: causal order (pre-emptive vs in response), anywhere in the pair
    for s, o in ((x, y), (y, x)):
        first = [t for i, t in enumerate(s.toks) if t.stem in CAUSAL_FIRST and not s.quoted[i]]
        if not first or any(t.stem in CAUSAL_RESPONSE for t in s.toks):
            continue
        resp = [t for i, t in enumerate(o.toks) if t.stem in CAUSAL_RESPONSE and not o.quoted[i]]
        if resp:
            rt = resp[:1]
            k = o.toks.index(rt[0])
            if k > 0 and o.toks[k - 1].key == "in":
                rt = [o.toks[k - 1], rt[0]]
            obs.append(Obs("reversal", "causal-order", (_mark(s, first[:1], "first"), _mark(o, rt, "response")),
                           dict(det)))
    return obs, names


def name_similarity(a: str, b: str) -> float:
    return Indel.normalized_similarity(a.casefold(), b.casefold())
