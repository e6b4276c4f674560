package main

/*
#include "capi.h"
*/
import "C"

import "unsafe"

// capi fills the header's own struct (capi.h includes include/sgcws.h), so Go and C cannot disagree
// about its layout. These compile-time checks pin that layout to the one documented for every
// target (tests/abi/layout.c asserts the same numbers with each C compiler, Pascal and C++ bindings
// depend on them): the event record has the same offsets on 32 and 64 bits, 80 bytes.
// ok has one element: indexing it with anything but a constant 0 does not compile.
var ok [1]struct{}

var (
	_ = ok[unsafe.Sizeof(C.sgcws_event{})-80]
	_ = ok[unsafe.Offsetof(C.sgcws_event{}.struct_size)-0]
	_ = ok[unsafe.Offsetof(C.sgcws_event{}.kind)-4]
	_ = ok[unsafe.Offsetof(C.sgcws_event{}.component)-8]
	_ = ok[unsafe.Offsetof(C.sgcws_event{}.connection)-16]
	_ = ok[unsafe.Offsetof(C.sgcws_event{}.reply)-24]
	_ = ok[unsafe.Offsetof(C.sgcws_event{}.data)-32]
	_ = ok[unsafe.Offsetof(C.sgcws_event{}.data_len)-40]
	_ = ok[unsafe.Offsetof(C.sgcws_event{}.code)-48]
	_ = ok[unsafe.Offsetof(C.sgcws_event{}.flags)-52]
	_ = ok[unsafe.Offsetof(C.sgcws_event{}.offset)-56]
	_ = ok[unsafe.Offsetof(C.sgcws_event{}.user_data)-64]
	_ = ok[unsafe.Offsetof(C.sgcws_event{}.args)-72]

	// sgcws_value: the integers first, so only the pointers move with the word size.
	_ = ok[unsafe.Offsetof(C.sgcws_value{}.i)-0]
	_ = ok[unsafe.Offsetof(C.sgcws_value{}.d)-8]
	_ = ok[unsafe.Offsetof(C.sgcws_value{}.len)-16]
	_ = ok[unsafe.Offsetof(C.sgcws_value{}._type)-24]
	_ = ok[unsafe.Offsetof(C.sgcws_value{}.reserved)-28]
	_ = ok[unsafe.Offsetof(C.sgcws_value{}.data)-32]
	_ = ok[unsafe.Sizeof(C.sgcws_value{})-32-2*unsafe.Sizeof(uintptr(0))]
)
