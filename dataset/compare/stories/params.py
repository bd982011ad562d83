"""The named constants of story grouping; the research behind each value is summarised in the README (Stories)."""

#: Words per shingle for near-duplicate detection (passim's default n-gram order).
SHINGLE_WORDS = 5
#: MinHash permutations (datasketch default); standard error of a Jaccard
#: estimate ~ sqrt(J(1-J)/128) <= 0.044.
NUM_PERM = 128
MINHASH_SEED = 1
#: LSH bands x rows: datasketch.MinHashLSH(threshold=0.3, num_perm=128) -> (37, 3);
#: a band collision is only a candidate, the pair is scored after.
LSH_BANDS, LSH_ROWS = 37, 3
#: Near-duplicates (merged before any averaging): the shingles two articles share
#: are well over half of the LONGER one's (overlap / max size).  Measured against
#: the longer text so that a roundup quoting two stories in full is no copy of either.
DUP_RESEMBLANCE = 0.6
#: A band bucket larger than this is not expanded into all pairs; each member is
#: paired with the next BUCKET_WINDOW members in signature order instead.
BUCKET_CAP = 50
BUCKET_WINDOW = 5
#: A corpus of fewer articles than this is one story (one comparison space, as
#: newsprov treats a folder today): with so few articles document frequencies
#: cannot tell a story's own words from its language's (measured: the five seeds
#: alone split in two; with 6+ other articles around them they are one story).
MIN_ARTICLES = 10
#: Terms of an article that enter the inverted index (its heaviest tf-idf terms).
INDEX_TERMS = 30
#: A term in more articles than this is not rare: it generates no candidate pairs
#: (as passim caps n-gram series with --max-series). 20 and 100 give the same dev results; 20
#: keeps the cost per article flat at 100k articles.
DF_CAP = 20
#: Terms kept in an article's event vector (heaviest tf-idf first).
VECTOR_TERMS = 200
#: Group-average cosine needed to merge two groups into one story.
EVENT_LINK = 0.10
#: Specific evidence: a pair of articles counts as linked by shared event content (an
#: edge of a component, a strong pair inside group-average linkage) only when, besides a
#: cosine of at least EVENT_LINK, the pair prints at least SPECIFIC_PHRASES adjacent word
#: pairs that at most RARE_PHRASE_DF articles of the corpus print (a name, a place, a
#: phrase of the event: "Jon Thompson", "orphan districts"), or its cosine reaches
#: STRONG_EVENT. Coverage of one topic weeks apart shares the topic's vocabulary, not the
#: event's rare phrases. Measured on the 1,619-article mix (README, Stories).
SPECIFIC_PHRASES = 2
RARE_PHRASE_DF = 3
STRONG_EVENT = 0.15
#: Share of two groups' cross pairs that must themselves reach EVENT_LINK for the
#: groups to merge: at least half, so that no single bridging article (a digest,
#: a roundup) can join two stories.
LINK_DENSITY = 0.5
#: Dates: two articles whose stated dates are more than this many days apart
#: report different events (a dateline carries the day of filing; the day after
#: still counts, for events late in the day or across time zones).
DATE_WINDOW_DAYS = 1
#: Figures: two articles that each report at least this many rare numbers and
#: share none of them report different events (two days' market closes, two
#: innings of a match).
FIGURE_MIN = 3
#: A number is "rare" when its document frequency is at most this fraction of
#: the corpus (and at least FIGURE_MIN_DF): in corpora under 100 articles no
#: number is rare and figures never veto.
FIGURE_RARE_FRACTION = 0.02
#: A number counts as a figure only if at least this many articles report it.
FIGURE_MIN_DF = 2
#: Adjacent word pairs (only a space between them) are terms too: multiword
#: names and set phrases in any script, with or without case.
PHRASES = True
#: Capitalised runs of at least this many words are names.
NAME_MIN_WORDS = 2

# Alternatives measured and rejected (README, "ablations"); kept so that the
# evaluation scripts can reproduce those rows.  Leave them at these values.
IDF_POWER = 1.0            # term weight = (1 + log tf) * idf ** IDF_POWER
PROBABILISTIC_IDF = False  # idf = max(0, log((N - df + .5) / (df + .5))) instead of log(N / df)
NORM_UNSHARED = False      # count terms no other article has in the vector length
