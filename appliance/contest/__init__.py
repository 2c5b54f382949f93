"""The contest: clock, intake, clarifications, rejudgings, contest packages and set-up."""
