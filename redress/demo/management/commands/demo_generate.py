from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from redress.demo.generator import DEFAULT_SEED, generate, sandwell
from redress.demo.generator.alloc import ShapeError
from redress.demo.generator.writers import RowLimitError


class Command(BaseCommand):
    help = (
        "Write the demo dataset (redress.import/1) for Kingsmoor Children's Trust: an .xlsx "
        "workbook, or a folder of CSV files for any other path. Without --complaints its "
        "2021-22 records reproduce the Birmingham Children's Trust annual report 2021-22. With "
        "--authority sandwell, the second demo authority instead: Brackenford Children's Trust, "
        "whose 2021-22 records reproduce the Sandwell Children's Trust annual report 2021-22."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, type=Path, help="An .xlsx file or a folder.")
        parser.add_argument(
            "--complaints",
            type=int,
            help="Write this many complaints of the same shape instead (for benchmarks).",
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Same seed, same file.")
        parser.add_argument(
            "--authority",
            choices=("birmingham", "sandwell"),
            default="birmingham",
            help="Which demo authority: birmingham (Kingsmoor, the default) or sandwell "
            "(Brackenford). Each is its own database.",
        )

    def handle(
        self,
        *args,
        output: Path,
        complaints: int | None,
        seed: int,
        authority: str = "birmingham",
        **options,
    ):
        if complaints is not None and complaints < 1:
            raise CommandError("--complaints must be at least 1.")
        if authority == "sandwell":
            if complaints is not None:
                raise CommandError(
                    "--complaints makes the first demo authority's benchmark data; it cannot be "
                    "given with --authority sandwell."
                )
            try:
                counts = sandwell.generate(output, seed=seed)
            except (ShapeError, FileExistsError) as error:
                raise CommandError(str(error)) from None
            rows = ", ".join(f"{sheet} {n:,}" for sheet, n in counts.items())
            self.stdout.write(f"Wrote {output} (Sandwell 2021-22 shape, seed {seed}): {rows}.")
            return
        try:
            counts = generate(output, complaints=complaints, seed=seed)
        except (RowLimitError, ShapeError, FileExistsError) as error:
            raise CommandError(str(error)) from None
        shape = f"{complaints:,} complaints" if complaints else "Birmingham 2021-22 shape"
        rows = ", ".join(f"{sheet} {n:,}" for sheet, n in counts.items())
        self.stdout.write(f"Wrote {output} ({shape}, seed {seed}): {rows}.")
