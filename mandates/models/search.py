"""The search index: one row per searchable item, rebuilt from the content (see search_index.py).

The database's own index lives beside these rows and is made by the migration for that database
alone: on SQLite an FTS5 table of stems, on PostgreSQL a stored, GIN-indexed tsvector column of
this table and a trigram index on the words.
"""

from django.db import models


class SearchDocument(models.Model):
    """What a hit shows and where it leads; `position` is the order of the package (area, kind,
    item), which breaks ties in ranking."""

    kind = models.CharField(max_length=100)
    title = models.CharField(max_length=500)
    heading = models.CharField(max_length=500, blank=True)  # indexed title: "" for a bare text
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    place = models.CharField(max_length=200)
    area = models.ForeignKey(
        "mandates.MandateArea", null=True, on_delete=models.CASCADE, related_name="+"
    )
    position = models.PositiveIntegerField()
    title_words = models.PositiveSmallIntegerField(default=0)
    body_words = models.PositiveIntegerField(default=0)
    priority = models.PositiveSmallIntegerField(default=0)  # 1: a topic's own page (an area)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.title


class SearchWord(models.Model):
    """Every word of the indexed text, folded, with its most frequent written form: the
    vocabulary for compounds, typos and "Menade du …?"."""

    word = models.CharField(max_length=100, unique=True)
    written = models.CharField(max_length=100)
    frequency = models.PositiveIntegerField()

    def __str__(self) -> str:
        return self.written


class SearchIndexState(models.Model):
    """One row: the content version the index was built from."""

    version = models.BigIntegerField(default=-1)
    built_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return str(self.version)
