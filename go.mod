module github.com/sgcws/sgcws

go 1.26.8

require (
	github.com/gorilla/websocket v1.5.3
	github.com/klauspost/compress v1.20.3
	golang.org/x/sys v0.49.0
)
