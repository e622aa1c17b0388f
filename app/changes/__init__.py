"""What changed between two versions of the data file, and the change log consumers poll."""
