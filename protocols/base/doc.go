// Package base is what every protocol component shares, written once: the manual's attach
// properties ("Server" on server-side protocols, "Client" on client-side ones, holding the
// transport's handle), the connections of its sub-protocol by Guid, and the raising of OnConnect /
// OnDisconnect, which the engine does for it.
//
// A protocol package embeds Server or Client in its instance, registers the property with
// Register, and implements registry.Protocol for the protocol logic itself.
package base
