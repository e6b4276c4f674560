package presence

// ServerEvents are TsgcWSPServer_Presence's events. A nil field is not
// handled and the default applies. Handlers run on the goroutine that
// called into the Server, never under its lock, so they may call back in.
// A channel is passed by name: TsgcWSPresenceChannel has nothing else.
type ServerEvents struct {
	// OnBeforeNewMember decides a join request; nil accepts.
	OnBeforeNewMember func(c Conn, member Member) (accept bool)
	// OnNewMember: the member joined and everybody was notified.
	OnNewMember func(c Conn, member Member)
	// OnBeforeNewChannel decides whether a subscription may create channel;
	// nil accepts.
	OnBeforeNewChannel func(c Conn, channel string, member Member) (accept bool)
	// OnNewChannel: channel was created by member's subscription. The
	// Pascal `var aChannel` is not a return value here (package doc).
	OnNewChannel func(c Conn, channel string)
	// OnBeforeNewChannelMember decides a subscription; nil accepts.
	OnBeforeNewChannelMember func(c Conn, channel string, member Member) (accept bool)
	// OnNewChannelMember: member joined channel and its members were notified.
	OnNewChannelMember func(c Conn, channel string, member Member)
	// OnRemoveChannelMember: member left channel (unsubscribe, leave or disconnect).
	OnRemoveChannelMember func(c Conn, channel string, member Member)
	// OnRemoveMember: member left (disconnect, or a member@remove request).
	OnRemoveMember func(c Conn, member Member)
	// OnErrorMemberChannel: err was sent to c in an error@member@channel.
	OnErrorMemberChannel func(c Conn, err Error, channel string, member Member)
	// OnErrorPublishMsg: err was sent to c in an error@publish@msg.
	OnErrorPublishMsg func(c Conn, err Error, msg, channel string, member Member)
	// OnBeforePublishMsg decides a publish; nil accepts. channel "" is all members.
	OnBeforePublishMsg func(c Conn, msg, channel string, member Member) (accept bool)
	// OnBeforeSendMembers may filter the list answering a get@members
	// (return it unchanged to send it all) or refuse it; nil sends all.
	OnBeforeSendMembers func(c Conn, channel string, member Member, members []Member) (send []Member, accept bool)
}

// ClientEvents are TsgcWSPClient_Presence's events. The client has one
// connection, so the manual's Connection argument is dropped. Handlers run
// on the goroutine that called Message, never under the client's lock.
type ClientEvents struct {
	// OnSession: the server sent our session id; the join request follows.
	OnSession             func(guid string)
	OnNewMember           func(member Member)
	OnRemoveMember        func(member Member)
	OnNewChannelMember    func(channel string, member Member)
	OnRemoveChannelMember func(channel string, member Member)
	// OnPublishMsg: msg was published by member (empty for a server
	// Broadcast) to channel ("" = all members).
	OnPublishMsg func(msg, channel string, member Member)
	// OnGetMembers answers GetMembers(channel).
	OnGetMembers         func(members []Member, channel string)
	OnErrorMemberChannel func(err Error, channel string, member Member)
	OnErrorPublishMsg    func(err Error, msg, channel string, member Member)
	// OnChannelInvitation: member invites us to channel. Return accept
	// (then we subscribe), or a refusal code and text sent back to the
	// inviter (0 and "" mean CodeInvitationDeclined). nil declines.
	OnChannelInvitation func(member Member, channel string) (accept bool, errorCode int, errorText string)
	// OnChannelInvitationResponse: member answered our invitation to
	// channel. The Pascal `var`s are inputs here: nothing is sent back.
	OnChannelInvitationResponse func(member Member, channel string, accept bool, errorCode int, errorText string)
}
