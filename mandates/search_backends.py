"""The two databases' indexes behind one interface: write, match and rank, similar words.

Both are asked the same thing, built from the same parsed query (search_terms.Query), and rank
the same way: a tier first, then stored lengths, then the package's order.

  tier 0  the whole query as a phrase of its own words in the title
  tier 1  every part of the query in the title, each word as itself (an inflection of it)
  tier 2  every part in the title, a word also as the start of a longer one ("barn" -> "barnfrid")
  tier 3  the whole query as a phrase anywhere
  tier 4  every part anywhere, each word as itself
  tier 5  every part anywhere, a word also as the start of a longer one
  tier 6  as 5, counting compounds that end in a query word ("anmälan" -> "orosanmälan")

"As itself" is the word's stem or the word without its ending as a whole indexed stem ("barnets"
-> 'barnet' or 'barn'); "as the start" is the shorter of them as a prefix.

Within the title tiers (0-2) a topic's own page (an area) comes first, then the shorter title
(the closer match); within the others the shorter text (an item about the word before a long
text that mentions it); then the package's order. The databases' own scores (bm25, ts_rank) are
not used: they differ between the two, and the query table asks for the same first hit on both.

SQLite: an FTS5 table (mandates_search_fts) holds the stems Python made; its rowid is the
document's id; "in the title" is FTS5's column filter. PostgreSQL: the stored vector column
(title weight A, body B, made by the 'familjeombud_swedish' configuration: unaccent, then
swedish_stem) with a GIN index; "in the title" is weight A in the tsquery. On both the query's
prefixes come from Python, so a word means the same thing to both (PostgreSQL gets them as a
ready tsquery).
"""

import math

from django.db import connection
from django.db.models.functions import Length

from .models import SearchDocument, SearchWord
from .search_terms import Query, Word, fold, one_edit, similarity, stem

STRICT, PREFIX, COMPOUNDS = "strict", "prefix", "compounds"
MAX_PHRASE_CHOICES = 16
MIN_EDITED_WORD = 4
TYPO_SIMILARITY = 0.3  # pg_trgm's default threshold
MAX_COMPOUNDS_PER_WORD = 20
DOCUMENT_COLUMNS = ["id", "kind", "title", "body", "url", "place", "area_id"]
FTS_TABLE = "mandates_search_fts"
RANKED_COLUMNS = ", ".join(
    f"d.{c}" for c in [*DOCUMENT_COLUMNS, "title_words", "body_words", "priority", "position"]
)
# One order on both databases, from stored numbers only, so both give the same first hit.
ORDER = (
    "ORDER BY tier, CASE WHEN tier < 3 THEN -priority ELSE 0 END, "
    "CASE WHEN tier < 3 THEN title_words ELSE body_words END, position"
)


def _words_of(query: Query, part: list[int]) -> list[Word]:
    return [query.words[i] for i in part]


class Backend:
    def clear(self) -> None:
        pass

    def write(self, rows: list[SearchDocument]) -> None:
        pass

    def tier_expressions(self, query: Query) -> tuple[list[str], str]:
        """Match expressions of tiers 0-5 and the one every hit matches (tier 6)."""
        every = [w for part in query.parts for w in _words_of(query, part)]
        return (
            [
                self.in_title(self.phrase(query, every, STRICT, title=True)),
                self.in_title(self.all_parts(query, STRICT, title=True)),
                self.in_title(self.all_parts(query, PREFIX, title=True)),
                self.phrase(query, every, STRICT),
                self.all_parts(query, STRICT),
                self.all_parts(query, PREFIX),
            ],
            self.all_parts(query, COMPOUNDS),
        )

    def all_parts(self, query: Query, mode: str, *, title: bool = False) -> str:
        parts = []
        for part in query.parts:
            words = _words_of(query, part)
            if len(words) == 1:
                parts.append(self.word(words[0], mode, title=title))
            else:
                parts.append(self.phrase(query, words, mode, title=title))
        return self.AND.join(parts)

    def forms(self, word: Word, mode: str) -> list[tuple[str, bool]]:
        """(form, exact) pairs a word matches in a mode."""
        if mode == STRICT:
            return [(form, True) for form in word.strict]
        forms = [(word.form, word.exact)]
        if mode == COMPOUNDS:
            forms += [(form, False) for form in word.others]
        return forms

    def word(self, word: Word, mode: str, *, title: bool = False) -> str:
        terms = [self.term(f, exact=e, title=title) for f, e in self.forms(word, mode)]
        return terms[0] if len(terms) == 1 else "(" + self.OR.join(terms) + ")"

    def in_title(self, expression: str) -> str:
        return expression

    def matches(self, query: Query, area_id: int | None, limit: int | None):
        """The best `limit` documents (all when None) with their tier, and how many match."""
        tiers, every = self.tier_expressions(query)
        sql, params = self.ranking_sql(tiers, every, area_id, limit)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        found = [
            (SearchDocument(**dict(zip(DOCUMENT_COLUMNS, row[:-2], strict=True))), row[-2])
            for row in rows
        ]
        return found, (rows[0][-1] if rows else 0)

    def compounds(self, words: list[Word]) -> None:
        """Adds to each word (of four letters or more) the indexed words that contain it after
        their first letter, as other forms: "anmal" -> "orosanmalan" (the head of a Swedish
        compound is its last part). One query for all words."""
        wanted = [w for w in words if len(w.form) >= 4]
        if not wanted:
            return
        condition = " OR ".join(["word LIKE %s"] * len(wanted))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT word FROM {SearchWord._meta.db_table} WHERE {condition} "
                "ORDER BY frequency DESC, word",
                [f"%_{w.form}%" for w in wanted],
            )
            found = [row[0] for row in cursor.fetchall()]
        for word in wanted:
            others: list[str] = []
            for text in found:
                form = stem(text)
                if word.form in text[1:] and not form.startswith(word.form) and form not in others:
                    others.append(form)
                if len(others) == MAX_COMPOUNDS_PER_WORD:
                    break
            word.others = others

    def known(self, word: Word) -> bool:
        """Whether any indexed word begins with or contains the word's form."""
        return SearchWord.objects.filter(word__contains=word.form).exists()

    def similar(self, typed: str) -> SearchWord | None:
        """The indexed word most like a typed one: pg_trgm similarity, else (short words, where
        one swapped letter leaves few trigrams in common) one letter changed, added, removed or
        two swapped."""
        return self.similar_by_trigrams(typed) or self.one_edit_away(typed)

    def similar_by_trigrams(self, typed: str) -> SearchWord | None:
        raise NotImplementedError

    def one_edit_away(self, typed: str) -> SearchWord | None:
        folded = fold(typed)
        if len(folded) < MIN_EDITED_WORD:
            return None
        candidates = (
            SearchWord.objects.annotate(letters=Length("word"))
            .filter(letters__range=(len(folded) - 1, len(folded) + 1))
            .order_by("-frequency", "word")
        )
        return next((w for w in candidates if one_edit(folded, w.word)), None)

    def split_compound(self, typed: str) -> str | None:
        """A compound the text writes apart: "hedersvåld" -> "hedersrelaterat våld" (a word
        beginning with the first part, then the second part as an indexed word). Two queries."""
        folded = fold(typed)
        splits = [(folded[:i], folded[i:]) for i in range(3, len(folded) - 2)]
        if not splits:
            return None
        tails = {
            w.word: w.written for w in SearchWord.objects.filter(word__in=[t for _h, t in splits])
        }
        for head, tail in sorted(splits, key=lambda s: -len(s[1])):
            if tail not in tails:
                continue
            start = (
                SearchWord.objects.filter(word__startswith=head)
                .exclude(word=folded)
                .order_by("-frequency", "word")
                .first()
            )
            if start is not None:
                return f"{start.written} {tails[tail]}"
        return None


class SQLiteBackend(Backend):
    AND, OR = " AND ", " OR "

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")

    def write(self, rows: list[SearchDocument]) -> None:
        from .search_terms import index_text

        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, heading, body) VALUES (%s, %s, %s)",
                [(row.pk, index_text(row.heading), index_text(row.body)) for row in rows],
            )

    def term(self, form: str, *, exact: bool, title: bool = False) -> str:
        return f'"{form}"' if exact else f'"{form}"*'

    def phrase(self, query: Query, words: list[Word], mode: str, *, title: bool = False) -> str:
        # Stop words are not in the FTS table, so the words of a phrase are next to each other.
        # An FTS5 phrase has no OR inside: each choice of the words' forms is a phrase of its own.
        if len(words) == 1:
            return self.word(words[0], mode)
        choices = [[]]
        for word in words:
            forms = self.forms(word, STRICT if mode == STRICT else PREFIX)
            choices = [c + [f] for c in choices for f in forms][:MAX_PHRASE_CHOICES]
        phrases = [" + ".join(self.term(f, exact=e) for f, e in c) for c in choices]
        return phrases[0] if len(phrases) == 1 else "(" + " OR ".join(phrases) + ")"

    def in_title(self, expression: str) -> str:
        return f"heading : ({expression})"

    def ranking_sql(self, tiers, every, area_id, limit):
        documents = SearchDocument._meta.db_table
        cases = " ".join(
            f"WHEN d.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s) THEN {n}"
            for n in range(len(tiers))
        )
        sql = (
            f"WITH m AS (SELECT rowid AS id FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s), "
            f"t AS (SELECT {RANKED_COLUMNS}, CASE {cases} ELSE {len(tiers)} END AS tier "
            f"FROM m JOIN {documents} d ON d.id = m.id"
            f"{' WHERE d.area_id = %s' if area_id else ''}) "
            f"SELECT {', '.join(DOCUMENT_COLUMNS)}, tier, COUNT(*) OVER () FROM t {ORDER} "
            "LIMIT %s"
        )
        params = [every, *tiers, *([area_id] if area_id else []), -1 if limit is None else limit]
        return sql, params

    def similar_by_trigrams(self, typed: str) -> SearchWord | None:
        # pg_trgm's similarity computed here; only words of a length that can reach it are read.
        folded = fold(typed)
        shortest = max(1, math.floor(TYPO_SIMILARITY * (len(folded) + 1)) - 1)
        longest = math.ceil((len(folded) + 1) / TYPO_SIMILARITY)
        candidates = (
            SearchWord.objects.annotate(letters=Length("word"))
            .filter(letters__range=(shortest, longest))
            .values_list("word", "written", "frequency")
        )
        scored = [
            (similarity(folded, word), frequency, word, written)
            for word, written, frequency in candidates
        ]
        scored = [s for s in scored if s[0] >= TYPO_SIMILARITY]
        if not scored:
            return None
        best = min(scored, key=lambda s: (-s[0], -s[1], s[2]))
        return SearchWord(word=best[2], written=best[3], frequency=best[1])


class PostgresBackend(Backend):
    AND, OR = " & ", " | "

    def term(self, form: str, *, exact: bool, title: bool = False) -> str:
        # Weight A is the title (see the migration's vector column).
        flags = ("" if exact else "*") + ("A" if title else "")
        return f"'{form}'" + (f":{flags}" if flags else "")

    def phrase(self, query: Query, words: list[Word], mode: str, *, title: bool = False) -> str:
        if len(words) == 1:
            return self.word(words[0], mode, title=title)
        mode = STRICT if mode == STRICT else PREFIX
        text = self.word(words[0], mode, title=title)
        for word in words[1:]:
            distance = 1 + query.gaps[query.words.index(word)]
            text += f" <{distance}> " + self.word(word, mode, title=title)
        return text

    def ranking_sql(self, tiers, every, area_id, limit):
        documents = SearchDocument._meta.db_table
        cases = " ".join(f"WHEN d.vector @@ %s::tsquery THEN {n}" for n in range(len(tiers)))
        sql = (
            f"SELECT {', '.join(DOCUMENT_COLUMNS)}, tier, total FROM ("
            f"SELECT {RANKED_COLUMNS}, CASE {cases} ELSE {len(tiers)} END AS tier, "
            f"COUNT(*) OVER () AS total FROM {documents} d WHERE d.vector @@ %s::tsquery"
            f"{' AND d.area_id = %s' if area_id else ''}) m {ORDER} "
            f"LIMIT {'ALL' if limit is None else '%s'}"
        )
        params = [*tiers, every, *([area_id] if area_id else [])]
        return sql, params + ([] if limit is None else [limit])

    def similar_by_trigrams(self, typed: str) -> SearchWord | None:
        folded = fold(typed)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT word, written, frequency FROM {SearchWord._meta.db_table} "
                "WHERE word %% %s AND similarity(word, %s) >= %s "
                "ORDER BY similarity(word, %s) DESC, frequency DESC, word LIMIT 1",
                [folded, folded, TYPO_SIMILARITY, folded],
            )
            row = cursor.fetchone()
        return SearchWord(word=row[0], written=row[1], frequency=row[2]) if row else None


def current() -> Backend:
    return PostgresBackend() if connection.vendor == "postgresql" else SQLiteBackend()
