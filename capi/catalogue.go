package main

import _ "github.com/sgcws/sgcws/protocols/catalogue" // every registered component
