"""How a refused catalogue release is said (issue 15, review): as a release of the province
("Tệp phát hành bộ tiêu chí …"), never as a dossier bundle, and without the container's inner
file names (manifest-sha256.txt, data/catalogues/<hash>.json), which an official cannot act on.
The code stays the bundle's (exit statuses, docs/bundle-format.md); only the sentence differs.
A code not listed keeps the bundle's sentence."""

from __future__ import annotations

from assessor_app.domain.errors import N_

RELEASE_SENTENCES = {
    "BUNDLE_UNKNOWN_SIGNER": N_(
        "The catalogue release file is not signed by a key of the province office enrolled here; enrol the province office's key card with the province's role."
    ),
    "BUNDLE_TAMPERED": N_(
        "The release file was changed after it was signed; it is not taken. Ask the province to send the file again."
    ),
    "BUNDLE_BAD_SIGNATURE": N_(
        "The signature of the catalogue release file is not valid; it is not taken. Ask the province to send the file again."
    ),
    "BUNDLE_CORRUPT": N_(
        "The catalogue release file is damaged or not a release the province made; it is not taken. Ask the province to send the file again."
    ),
    "BUNDLE_FORMAT_VERSION": N_(
        "The catalogue release file was made by a newer version of the app; update the app, then import the file again."
    ),
    "BUNDLE_REPLAYED": N_(
        "This catalogue release file is older than one already received from the province; it is not taken."
    ),
    "BUNDLE_REVOKED_SIGNER": N_(
        "The key that signed the catalogue release file has been revoked here; it is not taken. Ask the province office which key it signs with now."
    ),
    "BUNDLE_REVOKED_UNSEEN": N_(
        "The key that signed the catalogue release file has been revoked here; it is not taken. Ask the province office which key it signs with now."
    ),
}


def release_sentence(code: str, template: str) -> str:
    """The sentence for a release refused with `code` (the bundle's `template` otherwise)."""
    return RELEASE_SENTENCES.get(code, template)
