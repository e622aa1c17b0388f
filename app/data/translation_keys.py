"""The place of every translated text: the key its English is kept under in the translation table."""

# Keys are written and read by these functions only: rows.py writes them, public_shapes.py reads them.

ADDRESS = "address.text"
LEADERS_AS_OF = "leaders.as_of"
REGULATION = "regulation.source"


def heading(section: str) -> str:
    """A section's printed heading."""
    return f"heading.{section}"


def duty(n: int) -> str:
    """A main duty's text."""
    return f"duty.{n}.text"


def mandate(division_id: str, i: int) -> str:
    """One item of a division's mandate."""
    return f"mandate.{division_id}.{i}.text"


def other_name(name: str, field: str) -> str:
    """A field (name, source) of another name a division bears."""
    return f"other_name.{name}.{field}"


def transformation(k: int) -> str:
    """The k-th sentence of the function transformation, from 1."""
    return f"transformation.{k}.text"


def leader(position: int, field: str) -> str:
    """A field (name, title, source) of the leader at this position, from 0."""
    return f"leader.{position}.{field}"


def leader_post(position: int, j: int) -> str:
    """The j-th post (from 0) of the leader at this position."""
    return f"leader.{position}.posts.{j}"


def interpretation(field: str) -> str:
    """A field of the regulation's interpretation clause."""
    return f"interpretation.{field}"


def repealed(field: str) -> str:
    """A field (title, source) of the regulation repealed."""
    return f"repealed.{field}"


def repealed_issuer(j: int) -> str:
    """The j-th body (from 0) that issued the regulation repealed."""
    return f"repealed.issued_by.{j}"


def honour(n: int, field: str) -> str:
    """A field of the n-th honour, from 1."""
    return f"honour.{n}.{field}"
