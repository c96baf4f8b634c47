#!/usr/bin/env bash
# Benchmark: `slagit check` over a change touching 10 agreements with 40 approvals,
# next to plain `git tag -v` on the same 40 tags. Prints both, in seconds, best of 3.
# Usage: benchmarks/check-vs-git-tag-verify.sh   (builds slagit in release mode first)
source "$(dirname "$0")/common.sh"
git config gpg.format ssh
approvers=(ops1@provider.example ops2@provider.example cio@customer.example legal@customer.example)
mkdir -p .slagit
for email in "${approvers[@]}"; do
  ssh-keygen -q -t ed25519 -N '' -C "$email" -f "$HOME/$email"
  echo "$email $(cat "$HOME/$email.pub")" >> .slagit/allowed_signers
done
git config gpg.ssh.allowedSignersFile .slagit/allowed_signers
git add .slagit && git commit -q -m keys
git config user.email "${approvers[0]}"

agreement() { # id availability
  cat <<TEXT
---
agreement: $1
kind: service
parties:
  provider:
    approvers: [ops1@provider.example, ops2@provider.example]
  customer:
    approvers: [cio@customer.example, legal@customer.example]
review: yearly
objectives:
  - id: availability
    target: ">= $2%"
---

# 1. Scope

Hosting of service $1.

# 2. Availability

The service is available as the objective says, measured per calendar month.
TEXT
}
for n in $(seq 1 10); do agreement "service-$n" 99.9 > "service-$n.md"; "$slagit" propose "service-$n.md" -m "service $n" >/dev/null 2>&1; done
git branch base
for n in $(seq 1 10); do agreement "service-$n" 99.5 > "service-$n.md"; "$slagit" propose "service-$n.md" -m "lower $n" >/dev/null 2>&1; done
for email in "${approvers[@]}"; do
  git config user.email "$email"; git config user.signingKey "$HOME/$email.pub"
  for n in $(seq 1 10); do "$slagit" approve "service-$n.md" >/dev/null 2>&1; done
done
tags=$(git tag -l 'sla/*')
echo "agreements touched: 10, approval tags: $(echo "$tags" | wc -l)"

verify_all() { for t in $tags; do git tag -v "$t" || return 1; done; }
"$slagit" check --base base --head HEAD >/dev/null || { echo "check did not pass" >&2; exit 1; }
printf '%-48s %8s s\n' "slagit check --base base --head HEAD" "$(best "$slagit" check --base base --head HEAD)"
printf '%-48s %8s s\n' "git tag -v on the same 40 tags" "$(best verify_all)"
