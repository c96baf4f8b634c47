# Shared by the benchmark scripts: builds slagit in release mode, makes a throwaway
# repository with its own HOME as the current folder, and defines `best`.
# Sets: $slagit (the binary) and $work (the scratch folder, removed on exit).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="/opt/swift/usr/bin:$PATH"
swift build -c release --static-swift-stdlib --product slagit >/dev/null
slagit="$PWD/.build/release/slagit"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME" "$work/repo"
cd "$work/repo"
git init -q -b main
git config user.name "Bench Mark"
git config user.email bench@example.com

# best COMMAND...: the best wall-clock time of 3 runs, in seconds.
best() {
  local best="" start end took
  for _ in 1 2 3; do
    start=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; end=$(date +%s.%N)
    took=$(echo "$end - $start" | bc)
    if [ -z "$best" ] || (( $(echo "$took < $best" | bc) )); then best=$took; fi
  done
  printf '%.3f' "$best"
}
