"""Stories: syndicated copies and repeated reports of one happening, counted once.

``duplicates`` links copies of an article to the first one seen; ``merge`` turns events from
many articles into story events; ``store`` keeps both in the database; ``evaluate`` measures
them on the labelled set in ``eval/dedup``. See docs/stories.md.
"""

from __future__ import annotations

from diplograph.stories.duplicates import DuplicateFinder, DuplicateLink, DuplicateMatch, find_duplicates
from diplograph.stories.merge import StoryEvent, merge_events

__all__ = ["DuplicateFinder", "DuplicateLink", "DuplicateMatch", "StoryEvent", "find_duplicates", "merge_events"]
