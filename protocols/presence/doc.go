// Package presence is the protocol logic of TsgcWSPServer_Presence and
// TsgcWSPClient_Presence (manual "Protocol Presence", sub-protocol
// "presence.esegece.com"): who is online, per channel. It knows no
// transport: a host feeds it connections and text messages (Server.Connected,
// Message, Disconnected; Client.Connected, Message, Disconnected) and gives it
// a way to write text (Conn.WriteText; the client's send func).
//
// The wire is flat JSON-RPC-like objects, {"jsonrpc":"2.0","method":"sgc@presence@...",...}
// with the keys member {id,name,info}, channel {name}, message {text},
// members [member...], error {code,text}, and an optional top-level id.
//
// Concurrency: Server and Client are safe for concurrent use. Events run on
// the calling goroutine and never under an internal lock, so handlers may call
// back in. Output per connection is written in the order of the state changes.
//
// Decisions (the manual and the vendor files leave these open):
//   - Key order: per method as in inventory 14.4 (the Delphi writer's); every key of a shape is always written, "jsonrpc" first, "id" last, no spaces; input may use any order and extra keys.
//   - JSON strings: only '"', '\\' and control characters are escaped (no HTML escaping); invalid UTF-8 becomes U+FFFD.
//   - Input: "jsonrpc" is not checked; "method" must be a string; only a string "id" counts (other types are ignored: no ack, no de-duplication).
//   - Session id = the connection's Guid = the member id; a join's member.id must be "" (filled in) or that id.
//   - Spoofing: a request whose member.id is set and is not the sender's is refused (8); the server only ever uses its own record of the sender (name and info from the join); requests other than the join may omit "member".
//   - Joining twice is refused (13); any other request before the join is refused (7).
//   - member@new and member@remove go to every member (the joiner included), never to connections that have not joined; a disconnected member is not written to.
//   - A client's member@remove (the JS removemember()) leaves like a disconnect, the leaver notified too; the connection stays and may join again.
//   - Channels exist while they have members: created only once the first subscriber passes OnBeforeNewChannel and OnBeforeNewChannelMember (then OnNewChannel, OnNewChannelMember), removed when the last one leaves.
//   - channel@member@new/remove go to that channel's members, the subscriber or unsubscriber included; a disconnect leaves the channels first (sorted by name), then sends member@remove.
//   - OnNewChannel's Pascal "var aChannel" is not a return value: Name, the channel's only property, is its identity.
//   - Publish: channel "" reaches all members, otherwise that channel's members, publisher included; the publisher must be subscribed to the channel (4); "message" is required (10).
//   - GetMembers: "" lists all members in join order; a channel lists its members in subscription order, only for a subscriber (4, as the manual's OnGetMembers text says), unknown channels included.
//   - OnBeforePublishMsg and OnBeforeSendMembers ([PS] names only): (c, msg, channel, member) -> accept; (c, channel, member, members) -> (members to send, accept).
//   - Broadcast(text, "") reaches every connection, member or not ("all connected clients"); Broadcast(text, C) the members of C, or ErrUnknownChannel; sent as publish@msg with an empty member.
//   - Errors: publish failures use error@publish@msg, all others error@member@channel; "member" is the member the request carried (empty id = the sender), else the sender, and for 9 the unknown target; "channel" and "message" echo the request; texts are fixed per code (table below).
//   - Bad input on the server: malformed JSON or wrong types (10), unknown method (11), oversized (12: MaxMessageSize, default 1 MiB, checked before parsing) are answered and the connection keeps working; input from a Conn never Connected is ignored.
//   - Bad input on the client is dropped silently: answering the server with errors could loop.
//   - Invitation request: channel@invitation with "member" = inviter and "members" = the invitees by id (several allowed); each invitee receives "member" = inviter, "members" = [itself]; unknown or unjoined invitee: 9.
//   - Invitation response (our method sgc@presence@channel@invitation@response): keys channel, member (invitee), members ([inviter]), accept, error ({0,""} when accepted); the invitee sends it, the server relays it in the same shape to the inviter only, whose OnChannelInvitationResponse fires.
//   - Invitations stay pending on the server until answered (MaxInvitations per inviter, default 64, then 15); an answer with nothing pending gets 17; pending invitations die when either side leaves; the server raises no event for invitations (the manual has none).
//   - Invitee: a nil OnChannelInvitation declines; a decline without a code carries 14; on accept the invitee answers, then subscribes itself through the normal path (all server events apply) unless already subscribed.
//   - OnChannelInvitationResponse's Pascal "var" arguments are inputs: the answer is final and nothing goes back.
//   - Acknowledgment message: {"jsonrpc":"2.0","method":"sgc@presence@acknowledgment","id":"<id>"}; both ends acknowledge every inbound message that carries an id, after processing it, whatever their own setting; acknowledgments are never tracked or acknowledged.
//   - With Acknowledgment.Enabled every outgoing message but acknowledgments gets an id (a decimal counter; opaque to the peer) and Tick re-sends it verbatim once older than Timeout, at most MaxResends times (default 10), at most MaxPending per connection (default 1024, oldest dropped).
//   - Acknowledgment defaults: Enabled false, Interval 60 s, Timeout 300 s (the sgc protocol's QoS defaults [PS]; the manual gives none for Presence).
//   - De-duplication: the last 1024 inbound ids per connection are remembered; a re-sent duplicate is acknowledged again but not processed again.
//   - Pending acknowledgments die with the connection; the client drops its own on Disconnected (they name the old session).
//   - Time: a nil Clock means the wall clock plus a real ticker calling Tick every Interval; with a Clock set nothing ticks by itself and the host calls Tick.
//   - EncodeBase64 encodes the data strings (member id, name, info; channel name; message text; error text) as "sgc@b64:" + padded standard base64 of their UTF-8 bytes; "jsonrpc", "method" and "id" are never encoded; "" stays "".
//   - Decoding: every string read (method and id included) is decoded when it has the prefix, whatever our own EncodeBase64, exactly one layer; unpadded base64 is accepted; invalid base64 is kept verbatim.
//   - btoa is Latin-1 only: decoded bytes that are not valid UTF-8 are read as Latin-1 (what the vendor JS produces for U+0080..U+00FF); our JS must encode UTF-8 bytes.
//   - With EncodeBase64 off, a value that begins with "sgc@b64:" is still encoded, so the peer does not mistake it for an encoded one.
//   - Client methods need the session message (ErrNoSession before it); they may run before the join is confirmed: the server handles them after the join, in order.
//   - Close stops the timers; afterwards input is ignored and methods return ErrClosed; the host closes its connections.
//   - Writes: a connection's output is queued under the lock and written outside it by one goroutine at a time; WriteText errors are ignored (the transport reports through Disconnected).
//   - A second Connected with a Guid that is still live is ignored: Guids must be unique among live connections.
//
// Error codes (Error.Code and Error.Text on the wire):
//
//	 1 member not accepted                        OnBeforeNewMember refused the join
//	 2 channel not accepted                       OnBeforeNewChannel refused to create the channel
//	 3 already subscribed                         subscribe to a channel the member is in
//	 4 not subscribed                             unsubscribe, publish or get members on a channel the member is not in
//	 5 publish not accepted                       OnBeforePublishMsg refused
//	 6 channel member not accepted                OnBeforeNewChannelMember refused the subscription
//	 7 not a member                               a request before the join
//	 8 member id does not belong to this connection  spoofed member.id
//	 9 unknown member                             invitation to an id that is not a member
//	10 invalid message                            malformed JSON, wrong types, missing "member"/"message"/"members"
//	11 unknown method                             method we do not know
//	12 message too large                          over MaxMessageSize
//	13 already a member                           a second join
//	14 invitation declined                        default code of a declined invitation
//	15 too many pending invitations               over MaxInvitations
//	16 members list not accepted                  OnBeforeSendMembers refused
//	17 no pending invitation                      an invitation response matching nothing
//	18 channel name required                      subscribe, unsubscribe or invite with an empty channel
package presence
