"""Year over year: who wrote a report, and what it repeats, forgets or contradicts from the same person's
earlier reports (the H rules, `shuzhi history`)."""
