#!/usr/bin/env bash
# Benchmark: `slagit diff` next to `git diff --word-diff` on the same pairs of revisions:
# agreements of 500, 5,000 and 50,000 clauses with 5 % of clauses reworded, and the worst
# case of every clause shuffled. Prints wall-clock seconds, best of 3, side by side.
# Usage: benchmarks/diff-vs-git-word-diff.sh   (builds slagit in release mode first)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
swift build -c release --product slagit >/dev/null
slagit="$PWD/.build/release/slagit"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME" "$work/repo"
cd "$work/repo"
git init -q -b main
git config user.name Bench; git config user.email bench@example.com

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

best() {
  local best=""
  for _ in 1 2 3; do
    local start end took
    start=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; end=$(date +%s.%N)
    took=$(echo "$end - $start" | bc)
    if [ -z "$best" ] || (( $(echo "$took < $best" | bc) )); then best=$took; fi
  done
  printf '%.3f' "$best"
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
