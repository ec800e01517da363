"""The licence of the open data: names and addresses used in the JSON metadata and in LICENCE.md."""

from __future__ import annotations

DATASET_LICENCE = "CC-BY-4.0"
DATASET_LICENCE_NAME = "Creative Commons Attribution 4.0 International (CC BY 4.0)"
DATASET_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
ATTRIBUTION = "Contains data from Open Council Meetings (CC BY 4.0), quoting council documents published under the "\
    "Open Government Licence v3.0, and mySociety's UK local authority names and codes (CC BY 4.0)."
DISCLAIMER = "Verdicts are machine-inferred and human-reviewed; they are not legal advice."
OGL_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
MYSOCIETY_URL = "https://github.com/mysociety/uk_local_authority_names_and_codes"

LICENCE_MD = f"""# Licence of this data

**The dataset and the site** (`councils.csv`, `changes.csv`, `changes.json`, `published.csv`, `published.json`,
the feeds and the pages) are published under the
[{DATASET_LICENCE_NAME}]({DATASET_LICENCE_URL}). You may copy, adapt and reuse them for any purpose, including
commercially, if you credit them, for example:

> {ATTRIBUTION}

Why CC BY 4.0 rather than the ODbL: its inputs are under attribution-only terms (OGL v3.0, which is designed
to be compatible with CC BY 4.0, and mySociety's CC BY 4.0 codes), so CC BY 4.0 passes on exactly the duty
they impose, attribution, and nothing more. A share-alike licence would add obligations the sources do not
ask for and make the data harder to combine with government data.

## What it contains
- **Quoted council texts**: every evidence quote is an extract of a council's own document (its source address
  and page are given beside it), published by the council under the
  [Open Government Licence v3.0]({OGL_URL}). Attribute the council named in the row.
- **Council codes, names and nations**: contain data from mySociety's
  [UK local authority names and codes]({MYSOCIETY_URL}), CC BY 4.0 (see `registry/SOURCES.md` in the project).
- **Verdicts and conditions**: produced by Open Council Meetings.

## Not legal advice
{DISCLAIMER} A verdict says what a council's documents said when they were last read and reviewed
(`reviewed_at`); the documents, and the law, may have changed since. In England the Openness of Local
Government Bodies Regulations 2014 (SI 2014/2095) give the public the right to film, photograph, audio-record
and report meetings open to the public, whatever a council's standing orders say (`conflicts_with_statute`).
"""


def licence_json() -> dict[str, str]:
    """The licence block of published.json."""
    return {"id": DATASET_LICENCE, "name": DATASET_LICENCE_NAME, "url": DATASET_LICENCE_URL,
            "attribution": ATTRIBUTION, "quoted_texts": f"Open Government Licence v3.0 ({OGL_URL})",
            "note": DISCLAIMER}
