#!/usr/bin/env bash
# What the tests need from the machine, shared by `npm test` (the README's second command) and .ci/run,
# so the two cannot drift: Debian's Chromium and a CJK font for the browser tests. As root they are
# installed through apt (apt-get update once); otherwise this stops at once and says what to run.
# It also says, in one line, when a local PostgreSQL answers but TEST_DATABASE_URL is unset: the
# server tests are then skipped, and nobody should believe both databases were proven.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
# (grep reads all of fc-list's output: with -q it stops early, fc-list dies of SIGPIPE and pipefail calls it missing)
fc-list : family 2>/dev/null | grep -iE 'Noto Sans CJK|IPAGothic|IPAexGothic' >/dev/null || missing+=(fonts-noto-cjk)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test: installing ${missing[*]} (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "テストには Debian の Chromium と日本語フォントが必要です。次のコマンドで入れてから、もう一度実行してください:" >&2
    echo "The tests need Debian's Chromium and a CJK font. Install them, then run the tests again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

if [ -z "${TEST_DATABASE_URL:-}" ] && (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  echo "test: PostgreSQL がローカルで動いていますが TEST_DATABASE_URL が未設定のため、サーバーでのテストは省きます（PGlite のみ）。含めるには / PostgreSQL answers locally but TEST_DATABASE_URL is unset: its tests are skipped. To include them: createdb -h 127.0.0.1 -U postgres jinmane_test && TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/jinmane_test npm test"
fi
