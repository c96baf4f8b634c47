#!/usr/bin/env bash
# Benchmark and crash hunt on real history: `slagit diff` next to `git diff --word-diff`
# over every consecutive pair of revisions of every Markdown file in a repository (a path
# or a git bundle, such as the site-policy bundle). Prints the number of pairs, how many
# slagit runs failed or crashed, and the total wall-clock seconds of each tool.
# Usage: benchmarks/markdown-history-vs-git-word-diff.sh REPOSITORY_OR_BUNDLE
source "$(dirname "$0")/common.sh"
source_repo=${1:?name a repository or a git bundle}
case "$source_repo" in /*) ;; *) source_repo="$OLDPWD/$source_repo" ;; esac
git clone -q "$source_repo" history
cd history

# pairs.txt: "OLD NEW PATH" for each consecutive pair of commits that touched PATH.
git log --format= --name-only -- '*.md' '*.markdown' | sort -u | while read -r path; do
  git log --format=%H -- "$path" | tac | awk -v path="$path" 'NR > 1 { print previous, $0, path } { previous = $0 }'
done > ../pairs.txt

run_all() {
  local failures=0 status
  while read -r old new path; do
    "$@" "$old" "$new" "$path" >/dev/null 2>../last-error.txt
    status=$?
    # 0 and 1 are answers (1: --exit-code style "differs"); 2 is a reported error, above is a crash.
    if [ "$status" -gt 1 ]; then
      failures=$((failures + 1))
      echo "  status $status: $old $new $path: $(head -1 ../last-error.txt)" >&2
    fi
  done < ../pairs.txt
  echo "$failures"
}
slagit_diff() { "$slagit" diff "$1" "$2" "$3"; }
git_word_diff() { git diff --word-diff "$1" "$2" -- "$3"; }

start=$(date +%s.%N); slagit_failures=$(run_all slagit_diff); slagit_seconds=$(echo "$(date +%s.%N) - $start" | bc)
start=$(date +%s.%N); git_failures=$(run_all git_word_diff); git_seconds=$(echo "$(date +%s.%N) - $start" | bc)
printf '%d pairs of revisions\n' "$(wc -l < ../pairs.txt)"
printf '%-16s %10s %10s\n' "" "failures" "seconds"
printf '%-16s %10s %10.1f\n' "slagit diff" "$slagit_failures" "$slagit_seconds"
printf '%-16s %10s %10.1f\n' "git word-diff" "$git_failures" "$git_seconds"
