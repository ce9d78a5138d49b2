"""The one vocabulary of the dimensions a report covers and the 述 kinds that require them."""

from __future__ import annotations

# The eight dimensions of a 述职述廉 report, in the order reviewers read them.
DIMENSIONS = ("学", "德", "能", "勤", "绩", "责", "廉", "法")
# The 述职 dimensions share their paragraphs: a work paragraph shows ability, diligence and results
# together, so they compete as one class "职" and are then told apart by the cues each holds.
WORK = ("能", "勤", "绩")
# The classes a paragraph is classified into (the work dimensions as one), and shown in a profile.
CLASSES = ("学", "德", "职", "责", "廉", "法")
# The parts every report should have besides its dimensions.
PARTS = ("问题", "打算")
# Everything a coverage table shows, in its order.
COVERAGE_ORDER = ("学", "德", "职", "能", "勤", "绩", "责", "廉", "法", *PARTS)
# The 述 kinds whose required dimensions are known (lexicons/dimensions.toml [kinds]).
REQUIRING_KINDS = ("述学", "述德", "述职", "述责", "述廉", "述法")
