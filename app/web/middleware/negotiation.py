"""Content negotiation: one q-value parser for Accept and Accept-Encoding, and the choices made with it."""

JSON_RIVALS = ("application/json", "application/*", "*/*")


def weights(header: str) -> dict[str, tuple[float, int]]:
    """Each token a header lists (lower case, parameters dropped) with its q-value and position; a bad q counts as 0."""
    found: dict[str, tuple[float, int]] = {}
    for position, part in enumerate(header.split(",")):
        name, _, parameters = part.partition(";")
        name = name.strip().lower()
        if not name or name in found:
            continue
        quality = 1.0
        for parameter in parameters.split(";"):
            key, _, value = parameter.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
                if not 0.0 <= quality <= 1.0:
                    quality = 0.0
        found[name] = (quality, position)
    return found


def choose_coding(accept_encoding: str) -> str:
    """br, gzip or identity for an Accept-Encoding value: the highest q-value, br on a tie."""
    listed = weights(accept_encoding)
    star = listed.get("*", (0.0, 0))[0]
    best, best_quality = "identity", 0.0
    for coding in ("br", "gzip"):
        quality = listed[coding][0] if coding in listed else star
        if quality > best_quality:
            best, best_quality = coding, quality
    return best


def prefers(accept: str | None, media_type: str) -> bool:
    """Whether Accept ranks this alternative above JSON (the default): a higher q-value, or the same one listed first."""
    if not accept:
        return False
    listed = weights(accept)
    if media_type not in listed:
        return False
    quality, position = listed[media_type]
    rivals = [listed[name] for name in JSON_RIVALS if name in listed]
    best_rival = max(rivals, key=lambda rival: (rival[0], -rival[1]), default=(0.0, len(listed)))
    return quality > 0 and (quality > best_rival[0] or (quality == best_rival[0] and position < best_rival[1]))
