// What other areas may use of wards, beds and theatres: nothing so far; whatever another area comes to need is exported here.
export {};
