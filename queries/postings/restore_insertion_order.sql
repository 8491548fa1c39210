-- Turns preserve_insertion_order back on after postings/prepare failed between turning it off for one statement and on again.
RESET preserve_insertion_order;
