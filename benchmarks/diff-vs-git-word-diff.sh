#!/usr/bin/env bash
# Benchmark: `slagit diff` next to `git diff --word-diff` on the same pairs of revisions:
# agreements of 500, 5,000 and 50,000 clauses with 5 % of clauses reworded, and the worst
# case of every clause shuffled. Prints wall-clock seconds, best of 3, side by side.
# Usage: benchmarks/diff-vs-git-word-diff.sh   (builds slagit in release mode first)
source "$(dirname "$0")/common.sh"

# generate CLAUSES MODE > file; MODE is base, edited (every 20th clause reworded) or shuffled.
generate() {
  python3 - "$1" "$2" <<'PY'
import random, sys
count, mode = int(sys.argv[1]), sys.argv[2]
words = "provider customer service availability credit incident response support window notice".split()
rng = random.Random(7)
clauses = []
for n in range(1, count + 1):
    body = " ".join(rng.choice(words) for _ in range(40))
    if mode == "edited" and n % 20 == 0:
        body = body.replace("provider", "supplier", 1) + " within five business days"
    clauses.append((n, f"## {n}. Clause {n}\n\n{body}.\n"))
if mode == "shuffled":
    rng.shuffle(clauses)
print("---\nagreement: bench\nparties:\n  provider:\n    approvers: [a@example.com]\n---\n")
print("\n".join(text for _, text in clauses))
PY
}


printf '%-34s %12s %12s\n' "pair" "slagit diff" "git word-diff"
for case in "500 edited" "5000 edited" "50000 edited" "5000 shuffled"; do
  set -- $case
  generate "$1" base > agreement.md
  git add agreement.md && git commit -q -m base
  generate "$1" "$2" > agreement.md
  git commit -q -am "$2"
  slagit_time=$(best "$slagit" diff HEAD~1 HEAD agreement.md)
  git_time=$(best git diff --word-diff HEAD~1 HEAD -- agreement.md)
  printf '%-34s %12s %12s\n' "$1 clauses, $2" "$slagit_time" "$git_time"
done
