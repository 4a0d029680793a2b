"""Demo data: the demo hall and its generated history (:mod:`counter.demo.history`)."""
