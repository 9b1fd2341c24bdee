"""Shared machinery of the demo data generator: a seeded random source, French fake names, progress bars."""

import random
import sys

from faker import Faker
from tqdm import tqdm

DEMO_PASSWORD = "demo-jalons-2019"  # noqa: S105 — demo accounts only log in when DEBUG is on
DEMO_EMAIL_DOMAIN = "demo.jalons.test"


class DemoContext:
    def __init__(self, seed, people, scale="demo", show_progress=True):
        self.seed = seed
        self.people = people
        self.scale = scale  # "national" asks each step for its national-scale volumes
        self.rng = random.Random(seed)
        self.faker = Faker("fr_FR")
        self.faker.seed_instance(seed)
        self.show_progress = show_progress

    def progress(self, iterable=None, total=None, desc=""):
        return tqdm(
            iterable, total=total, desc=desc, file=sys.stderr, disable=not self.show_progress, leave=False, unit=""
        )


def apportion(total, weights):
    """Split total into integer parts proportional to weights (largest remainder), keys kept in order."""
    weight_sum = sum(weights.values())
    exact = {key: total * weight / weight_sum for key, weight in weights.items()}
    parts = {key: int(value) for key, value in exact.items()}
    remainders = sorted(exact, key=lambda key: (parts[key] - exact[key], str(key)))
    for key in remainders[: total - sum(parts.values())]:
        parts[key] += 1
    return parts


def bulk_create_in_chunks(model, objects, batch_size=2000, chunk_size=20_000):
    """Write a lazy iterable of unsaved instances chunk by chunk: memory stays flat at national scale.

    Returns the number of rows written. Use plain bulk_create when the caller needs the saved instances.
    """
    written, chunk = 0, []
    for instance in objects:
        chunk.append(instance)
        if len(chunk) >= chunk_size:
            model.objects.bulk_create(chunk, batch_size=batch_size)
            written += len(chunk)
            chunk = []
    if chunk:
        model.objects.bulk_create(chunk, batch_size=batch_size)
        written += len(chunk)
    return written
