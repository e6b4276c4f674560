// Package custom is the manual's custom sub-protocol (its "Custom Sub-Protocols" article):
// TsgcWSProtocol_Server_Base and TsgcWSProtocol_Client_Base, the classes a host subclasses to write
// its own protocol. The protocol's name is the "Protocol" property (the manual's FProtocol); its
// connections raise OnConnect and OnDisconnect (the engine's, as for every protocol) and every
// message raises OnMessage or OnBinary on the protocol component instead of the transport, where
// the host's DoEventMessage/DoEventBinary handle it. Replies go through WriteData and Broadcast.
//
// Decision: the name must be set before the protocol is attached (Server/Client); changing it
// later applies from the next attach.
package custom
