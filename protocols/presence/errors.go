package presence

import (
	"errors"
	"strconv"
)

// Error is the manual's TsgcWSPresenceError: the "error" object of the
// error@member@channel and error@publish@msg messages. The codes are ours
// (the product documents none); the table is in the package doc.
type Error struct {
	Code int
	Text string
}

func (e Error) Error() string { return "presence error " + strconv.Itoa(e.Code) + ": " + e.Text }

// Error codes sent on the wire; see the package doc for when each is used.
const (
	CodeMemberDenied        = 1
	CodeChannelDenied       = 2
	CodeAlreadySubscribed   = 3
	CodeNotSubscribed       = 4
	CodePublishDenied       = 5
	CodeChannelMemberDenied = 6
	CodeNotMember           = 7
	CodeSpoofedMember       = 8
	CodeUnknownMember       = 9
	CodeInvalidMessage      = 10
	CodeUnknownMethod       = 11
	CodeMessageTooLarge     = 12
	CodeAlreadyMember       = 13
	CodeInvitationDeclined  = 14
	CodeTooManyInvitations  = 15
	CodeMembersDenied       = 16
	CodeNoInvitation        = 17
	CodeChannelRequired     = 18
)

var codeTexts = map[int]string{
	CodeMemberDenied:        "member not accepted",
	CodeChannelDenied:       "channel not accepted",
	CodeAlreadySubscribed:   "already subscribed",
	CodeNotSubscribed:       "not subscribed",
	CodePublishDenied:       "publish not accepted",
	CodeChannelMemberDenied: "channel member not accepted",
	CodeNotMember:           "not a member",
	CodeSpoofedMember:       "member id does not belong to this connection",
	CodeUnknownMember:       "unknown member",
	CodeInvalidMessage:      "invalid message",
	CodeUnknownMethod:       "unknown method",
	CodeMessageTooLarge:     "message too large",
	CodeAlreadyMember:       "already a member",
	CodeInvitationDeclined:  "invitation declined",
	CodeTooManyInvitations:  "too many pending invitations",
	CodeMembersDenied:       "members list not accepted",
	CodeNoInvitation:        "no pending invitation",
	CodeChannelRequired:     "channel name required",
}

// newError returns the wire error for one of our codes.
func newError(code int) Error { return Error{Code: code, Text: codeTexts[code]} }

// Go-side errors returned by the methods (never sent on the wire).
var (
	ErrClosed          = errors.New("presence: closed")
	ErrNoSession       = errors.New("presence: no session (not connected, or the session message has not arrived)")
	ErrUnknownChannel  = errors.New("presence: unknown channel")
	ErrChannelRequired = errors.New("presence: channel name required")
	ErrMemberRequired  = errors.New("presence: member id required")
)
