#!/usr/bin/env bash
# Drives a real terminal session of the REPL under tmux: evaluates an expression, completes a name
# with Tab, recalls a line with Up, continues an incomplete line, clears a half-typed line with
# Ctrl-C, interrupts `While[True]` with Ctrl-C and checks the session still answers, quits, and
# checks the history file. Needs tmux (scripts/setup.sh tmux installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh tmux
swift build --product ramp >&2
bin="$(swift build --show-bin-path)/ramp"

work="$(mktemp -d)"
sock="ramp-smoke-$$"
tm() { tmux -L "$sock" "$@"; }
cleanup() { tm kill-server >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

screen() { tm capture-pane -p -t smoke -S -200; }
fail() { echo "repl-smoke: FAIL: $1" >&2; echo "----- screen -----" >&2; screen >&2 || true; exit 1; }
# wait_for TEXT: poll the screen (up to ~15 s) until it contains TEXT (a fixed string).
wait_for() {
  for _ in $(seq 1 150); do
    if screen | grep -qF -- "$1"; then return 0; fi
    sleep 0.1
  done
  fail "expected to see: $1"
}
keys() { tm send-keys -t smoke "$@"; sleep 0.4; }
text() { tm send-keys -t smoke -l "$1"; sleep 0.4; }

# The REPL sets its own SIGINT handler; `trap '' INT` keeps the wrapping shell alive to report EXIT.
tm new-session -d -s smoke -x 100 -y 50 \
  "bash -c \"trap '' INT; cd '$work'; RAMP_HISTORY='$work/history' '$bin'; echo EXIT=\\\$?; sleep 60\""

wait_for "In[1]:="
text '1 + 2'; keys Enter
wait_for "Out[1]= 3"

text '$Versi'; keys Tab
screen | grep -qF 'In[2]:= $Version' || fail "Tab did not complete \$Versi to \$Version"
keys Enter
wait_for "Out[2]= Ramp"

keys Up; keys Up
screen | grep -qF 'In[3]:= 1 + 2' || fail "Up Up did not recall '1 + 2'"
keys Enter
wait_for "Out[3]= 3"

text 'f[1,'; keys Enter
text '2]'; keys Enter
wait_for "Out[4]= f[1, 2]"

text 'half typed'; sleep 0.6; keys C-c
keys Enter
sleep 0.5
screen | grep -qF 'half typed' || fail "the half-typed line was not shown"
screen | grep -qF 'Out[5]' && fail "Ctrl-C at the prompt did not discard the line"

text 'While[True]'; keys Enter
sleep 1.5; keys C-c
wait_for 'Out[5]= $Aborted'
text '6 * 7'; keys Enter
wait_for "Out[6]= 42"
# History is written as each entry is made (a killed session keeps it).
grep -qxF '6 * 7' "$work/history" || fail "history file lacks '6 * 7' before the session ended"

# A multi-line entry is one history entry: Up recalls both lines.
text 'g[1,'; keys Enter
text '2]'; keys Enter
wait_for "Out[7]= g[1, 2]"
keys Up; keys Enter
wait_for "Out[8]= g[1, 2]"

# Information through the REPL: a literal net, and a variable holding one.
text 'Information[NetInitialize[ParametricRampLayer["Input" -> 3]]]'; keys Enter
wait_for "Arrays total element count  3"
text 'net = NetInitialize[ParametricRampLayer["Input" -> 3]];'; keys Enter
text 'Information[net, "ArraysCount"]'; keys Enter
wait_for "Out[11]= 1"
text '?Table'; keys Enter
wait_for "lists the values of expr"
wait_for "In[13]:="

# Ctrl-C during NetTrain: training stops, the net trained so far is the result, and the progress
# line and what follows do not run into each other.
text 'NetTrain[net, Table[{-1., 2., -3.} -> {-0.2, 2., -0.9}, {2000}], MaxTrainingRounds -> 10^6]'; keys Enter
sleep 3; keys C-c
wait_for "Out[13]= ParametricRampLayer["
wait_for "Training aborted."
screen | grep -qE '.NetTrain::aborted' && fail "the message ran into the progress line"
screen | grep -F 'Out[13]=' | grep -qv '^Out\[13\]=' && fail "the result ran into the progress line"
text '6 * 7'; keys Enter
wait_for "Out[14]= 42"

# Option names complete inside the function's brackets (from Options[head]).
text 'NetTrain[net, data, MaxTrainingR'; keys Tab
wait_for 'In[15]:= NetTrain[net, data, MaxTrainingRounds'
keys C-c
text 'ParametricRampLayer["Sl'; keys Tab
wait_for 'In[15]:= ParametricRampLayer["Slope"'
keys C-c

# NetTrain on a terminal draws the bar on stderr; with a ValidationSet its summary has the validation loss.
text 'NetTrain[ParametricRampLayer["Input" -> 2], Table[{x, -x} -> {x, -0.3 x}, {x, -1, 1, 0.1}], "TotalRounds", MaxTrainingRounds -> 3, ValidationSet -> Scaled[0.2]]'
keys Enter
wait_for "Out[15]= 3"
screen | grep -qE 'Training complete\. 3 rounds, .*validation loss' || fail "the bar's summary lacks the validation loss"

# $PageWidth starts as the terminal's width (the tmux window is 100 columns); a long result breaks
# between tokens with `>   ` continuation lines, none longer than $PageWidth.
text '$PageWidth'; keys Enter
wait_for "Out[16]= 100"
text '$PageWidth = 40; Range[40]'; keys Enter
wait_for ">   37, 38, 39, 40}"
screen | grep -qF 'Out[17]= {1, 2, 3, 4, 5, 6, 7, 8, 9,' || fail "the long result did not start on the Out line"
screen | awk 'length > 40 && (/^>/ || /^Out\[17\]/) { bad = 1 } END { exit bad }' || fail "a line of the broken result is longer than \$PageWidth"

# A graphic shows its terminal form.
text 'Plot[Sin[x], {x, 0, 2 Pi}]'; keys Enter
wait_for "Out[18]= -Graphics-"

text 'Quit[]'; keys Enter
wait_for "EXIT=0"
grep -A1 -xF 'g[1,' "$work/history" | grep -qxF '2]' || fail "the multi-line entry was not kept whole in the history file"

grep -qxF '1 + 2' "$work/history" || fail "history file lacks '1 + 2'"
grep -qxF '$Version' "$work/history" || fail "history file lacks '\$Version'"
echo "repl-smoke: ok (evaluate, Tab completion of names and options, Up recall, continuation, Ctrl-C at prompt and during While[True] and NetTrain, multi-line recall, Information, ?Name, NetTrain's bar with validation loss, \$PageWidth line breaking, -Graphics-, Quit, history file)"
