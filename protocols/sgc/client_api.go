package sgc

// The manual's methods of TsgcWSPClient_sgc. Every message with an id is
// tracked at QoS >= 1 and retransmitted by Tick until acknowledged (at
// QoS 2 the pubrec turns it into a pubrel, tracked the same way).

// deliver sends a message. With an id it is tracked before it is sent, so
// an acknowledgment arriving during send is not lost.
func (c *Client) deliver(text string, id *msgID) error {
	c.mu.Lock()
	if !c.connected {
		c.mu.Unlock()
		return ErrNotConnected
	}
	tracked := id != nil && c.qos > QoSLevel0
	if tracked {
		c.out.add(id.s, text, c.now())
	}
	c.mu.Unlock()
	err := c.send(text)
	if err != nil && tracked {
		c.mu.Lock()
		c.out.remove(id.s)
		c.mu.Unlock()
	}
	return err
}

// channelRequest sends a reserved request with params {channel, message,
// qos[, queue]} and a fresh id.
func (c *Client) channelRequest(method string, p reqParams) error {
	p.qos = c.QoSLevel()
	id := strID(c.newID())
	return c.deliver(encRequest(method, &p, nil, &id), &id)
}

// Publish sends text to the subscribers of channel; queue selects the
// server-side persistence.
func (c *Client) Publish(text, channel string, queue QueueLevel) error {
	if !queue.valid() {
		return ErrInvalidLevel
	}
	return c.channelRequest(mPublish, reqParams{channel: channel, hasChannel: true, message: text, queue: queue})
}

// RPC calls method; the answer arrives in OnRPCResult or OnRPCError with
// this id. params that are a JSON object or array are sent as JSON, other
// text as a string, "" not at all.
func (c *Client) RPC(id, method, params string) error {
	if id == "" {
		return ErrInvalidID
	}
	if method == "" || reserved(method) {
		return ErrInvalidMethod
	}
	mid := strID(id)
	return c.deliver(encRequest(method, nil, rpcParams(params), &mid), &mid)
}

// Notify sends a request without id; the server does not answer it.
func (c *Client) Notify(method, params string) error {
	if method == "" || reserved(method) {
		return ErrInvalidMethod
	}
	return c.deliver(encRequest(method, nil, rpcParams(params), nil), nil)
}

// Broadcast asks the server to send text to every connection, or with a
// channel to its subscribers.
func (c *Client) Broadcast(text, channel string) error {
	p := reqParams{channel: channel, hasChannel: true, message: text}
	return c.deliver(encRequest(mBroadcast, &p, nil, nil), nil)
}

// WriteData sends text to the server (its OnMessage).
func (c *Client) WriteData(text string) error {
	return c.channelRequest(mMessage, reqParams{message: text})
}

// Subscribe asks for a subscription; OnSubscription fires on confirmation.
func (c *Client) Subscribe(channel string) error {
	if channel == "" {
		return ErrInvalidChannel
	}
	return c.channelRequest(mSubscribe, reqParams{channel: channel, hasChannel: true})
}

// UnSubscribe ends a subscription; OnUnSubscription fires on confirmation.
func (c *Client) UnSubscribe(channel string) error {
	if channel == "" {
		return ErrInvalidChannel
	}
	return c.channelRequest(mUnsubscribe, reqParams{channel: channel, hasChannel: true})
}

// UnSubscribeAll sends one sgc@unsubscribe per confirmed subscription (the
// vendor server has no sgc@unsubscribe_all handler); nothing if none.
func (c *Client) UnSubscribeAll() error {
	for _, ch := range c.Subscriptions() {
		if err := c.UnSubscribe(ch); err != nil {
			return err
		}
	}
	return nil
}

// GetSession asks for the session again; OnSession fires with the Guid.
func (c *Client) GetSession() error {
	return c.deliver(encRequest(mSession, nil, nil, nil), nil)
}

// StartTransaction makes the server hold this client's messages to channel
// until Commit (processed in order) or RollBack (discarded).
func (c *Client) StartTransaction(channel string) error { return c.txRequest(mTransaction, channel) }

// Commit processes the messages held by the channel's transaction.
func (c *Client) Commit(channel string) error { return c.txRequest(mCommit, channel) }

// RollBack discards the messages held by the channel's transaction.
func (c *Client) RollBack(channel string) error { return c.txRequest(mRollback, channel) }

func (c *Client) txRequest(method, channel string) error {
	if channel == "" {
		return ErrInvalidChannel
	}
	p := reqParams{channel: channel, hasChannel: true}
	return c.deliver(encRequest(method, &p, nil, nil), nil)
}
