"""The generic check kinds (SPEC 4), one module each; KINDS maps a rule's `check:` to its class."""
from .base import Check
from .conditional import Conditional
from .consistency import Consistency
from .existence import Existence
from .metric import Metric
from .python import Python
from .required import Required
from .substitution import Substitution

KINDS: dict[str, type[Check]] = {
    "existence": Existence,
    "substitution": Substitution,
    "required": Required,
    "conditional": Conditional,
    "metric": Metric,
    "consistency": Consistency,
    "python": Python,
}
