"""Hash and check account passwords (argon2id), and make readable ones for printed sheets."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# Short common words without the letter l (no l/1/I mix-up; with no digits, o/0 cannot mix
# either): a team types them from paper. Over 256 words: each adds 8 bits.
WORDS = tuple("""
acre acts army atom baby back bake band bank barn base bath bean bear beat bend berg best
bird bite boat body bone book boot born boss bow box brave bread brick bride bring brown
buck burn bush busy cake came camp card care cart case cash cave chef chin chip city coat
code coin cone cook copy corn crab crew crop crow cube cure dark dart data date dawn deck
deer desk dice dirt dish dock door dove draw dream dress drink drum duck dune dust each
earn east easy edge envy exam face fact farm fast fern fig fire firm fish fist five forge
fort four frog fruit fun game gate gear gift give goat gown grab grape grass gray green
grin guard guest gym hair hand harp hat hawk head heat herb hero hike hint honey hook horn
horse host hour house hug hunt idea inch iron item jar jazz jet joke jump just keep key
kick kind king kite knee knot mango map mark mask mast math maze meat menu mint mist moon
moss moth move much mud name navy neck nest news nice nine noon north nose note nut oak
oar oat ocean open orange oven pace pack page paint park part path peach pear pen pepper
piano pie pine pink pipe pond power price prize pump quest quick quiz race rain ramp rare
raven read reef rice ride ring river road rock roof rope rose ruby run rust sand save
scarf sea seed seven shark ship shoe shop sign sing six snow soap sock soft song soup
""".split())

# OWASP's argon2id minimum (19 MiB, 2 passes, 1 lane): 36 ms of CPU per check here, where
# the library's default costs 270 ms. Hundreds of teams log in within the first minute of a
# contest on a 2-core appliance; the default would spend two minutes of both cores on it.
_HASHER = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)


def hash_password(plain: str) -> str:
    """The argon2id hash of `plain`, with its own salt and parameters, to store."""
    return _HASHER.hash(plain)


def verify_password(hashed: str, plain: str) -> bool:
    """Whether `plain` is the password of `hashed`; a broken hash is simply no match."""
    try:
        return _HASHER.verify(hashed, plain)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(hashed: str) -> bool:
    """Whether `hashed` was made with weaker parameters than today's (rehash at next login)."""
    try:
        return _HASHER.check_needs_rehash(hashed)
    except (InvalidHashError, ValueError):
        return True


def generate_password(words: int = 3) -> str:
    """A random password of `words` words joined by dashes, e.g. `moss-quiz-harp`."""
    if words < 1:
        raise ValueError("a password needs at least one word")
    return "-".join(secrets.choice(WORDS) for _ in range(words))
