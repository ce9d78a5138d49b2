"""Year over year: who wrote a report, and what it repeats, forgets or contradicts from the same person's
earlier reports — pure functions of documents (the H rules use them; shuzhi.pipeline.history gathers the reports)."""
