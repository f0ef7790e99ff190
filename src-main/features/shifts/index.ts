// What other areas may use of shifts, rotas and leave: nothing so far; whatever another area comes to need is exported here.
export {};
