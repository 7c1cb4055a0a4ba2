"""`make bench`: benchmark data, measurements and the figures of docs/performance.md."""
