// What other areas may use of first-run setup: nothing so far; whatever another area comes to need is exported here.
export {};
