"""Turn a published 三定 text into a data file in data/lnst.yaml's schema, and compare two data files."""
