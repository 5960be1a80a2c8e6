"""Read-only queries shaped for one consumer: the claims table's rows, the data a report is made from."""
