// t_presence.cpp - the Presence protocol through the generated classes, whose events carry value
// objects (TsgcWSPresenceMember, TsgcWSPresenceChannel, TsgcWSPresenceMsg, TsgcWSPresenceError and
// TsgcWSPresenceMemberList), in every delivery mode: members join and both sides see it, the server's
// OnBeforeNewMember refuses "Spam", subscribe, publish, GetMembers with the member list, a disconnect
// seen as OnRemoveMember; a Ref argument changed by its handler is not written back. And the decoding
// of an argument's text itself (escapes, integers, lists, missing fields).
#include "harness.hpp"

using namespace sgcws;

namespace {

std::string describe(const TsgcWSPresenceMember &m) { return m.Name + "/" + m.Info; }

// One member: its transport, its protocol and what its handlers saw.
struct Member {
    TsgcWebSocketClient ws;
    TsgcWSPClient_Presence proto;
    th::Log joined, left, channelMembers, published, errors, lists;

    Member(th::Components &all, int port, const std::string &name, const std::string &info) {
        all.add(ws);
        all.add(proto);
        proto.Presence().setName(name);
        proto.Presence().setInfo(info);
        proto.setClient(ws);
        ws.setURL(th::wsURL(port));
        proto.OnNewMember = [this](TsgcWSConnection &, const TsgcWSPresenceMember &m) {
            joined.add(m.ID.empty() ? "(no ID)" : describe(m));
        };
        proto.OnRemoveMember = [this](TsgcWSConnection &, const TsgcWSPresenceMember &m) { left.add(m.Name); };
        proto.OnNewChannelMember = [this](TsgcWSConnection &, const TsgcWSPresenceChannel &ch,
                                          const TsgcWSPresenceMember &m) { channelMembers.add(ch.Name + ":" + m.Name); };
        proto.OnPublishMsg = [this](TsgcWSConnection &, const TsgcWSPresenceMsg &msg, const TsgcWSPresenceChannel &ch,
                                    const TsgcWSPresenceMember &m) { published.add(msg.Text + "@" + ch.Name + " by " + m.Name); };
        proto.OnErrorMemberChannel = [this](TsgcWSConnection &, const TsgcWSPresenceError &e,
                                            const TsgcWSPresenceChannel &, const TsgcWSPresenceMember &) {
            errors.add(std::to_string(e.Code) + " " + e.Text);
        };
        proto.OnGetMembers = [this](TsgcWSConnection &, const TsgcWSPresenceMemberList &ms, const TsgcWSPresenceChannel &ch) {
            std::string s = ch.Name + ":" + std::to_string(ms.Count());
            for (int i = 0; i < ms.Count(); ++i) s += " " + ms.Member(i).Name;
            for (const TsgcWSPresenceMember &m : ms) s += m.ID.empty() ? " (no ID)" : "";  // a std::vector too
            lists.add(s);
        };
    }
};

void presence(TwsNotifyEvent mode) {
    th::Components all(mode);
    TsgcWebSocketServer server;
    TsgcWSPServer_Presence presence;
    all.add(server);
    all.add(presence);
    presence.setServer(server);
    th::Log serverJoined, serverLeft, channels;
    presence.OnBeforeNewMember = [](TsgcWSConnection &, const TsgcWSPresenceMember &m, bool &accept) {
        if (m.Name == "Spam") accept = false;
    };
    presence.OnNewMember = [&](TsgcWSConnection &, const TsgcWSPresenceMember &m) { serverJoined.add(m.Name); };
    presence.OnRemoveMember = [&](TsgcWSConnection &, const TsgcWSPresenceMember &m) { serverLeft.add(m.Name); };
    presence.OnNewChannel = [&](TsgcWSConnection &, TsgcWSPresenceChannel &ch) {  // a Ref: a reference, not answered
        channels.add(ch.Name);
        ch.Name += " (changed by the handler)";
    };
    int port = th::startOnLoopback(server);

    Member john(all, port, "John", "John's info");
    john.ws.Connect(10000);
    REQUIRE(all.waitFor([&] { return john.joined.size() == 1; }));
    REQUIRE_MSG(john.joined.copy()[0] == "John/John's info", john.joined.copy()[0]);

    // Mary's info has the characters the argument text escapes: they arrive as sent.
    const std::string maryInfo = "tab\there\nline two\\end";
    Member mary(all, port, "Mary", maryInfo);
    mary.ws.Connect(10000);
    REQUIRE(all.waitFor([&] { return mary.joined.size() == 1 && john.joined.size() == 2 && serverJoined.size() == 2; }));
    REQUIRE_MSG(john.joined.copy()[1] == "Mary/" + maryInfo, john.joined.copy()[1]);
    REQUIRE(serverJoined.copy() == (std::vector<std::string>{"John", "Mary"}));

    Member spam(all, port, "Spam", "");
    spam.ws.Connect(10000);
    REQUIRE(all.waitFor([&] { return spam.errors.size() == 1; }));
    REQUIRE_MSG(spam.errors.copy()[0].rfind("1 ", 0) == 0, spam.errors.copy()[0]);  // Code decoded as an integer
    REQUIRE(spam.joined.size() == 0);

    john.proto.Subscribe("Topic 1");
    REQUIRE(all.waitFor([&] { return john.channelMembers.size() == 1 && channels.size() == 1; }));
    REQUIRE(john.channelMembers.copy()[0] == "Topic 1:John" && channels.copy()[0] == "Topic 1");
    mary.proto.Subscribe("Topic 1");
    REQUIRE(all.waitFor([&] { return john.channelMembers.size() == 2; }));
    REQUIRE(john.channelMembers.copy()[1] == "Topic 1:Mary");

    mary.proto.Publish("hello", "Topic 1");
    REQUIRE(all.waitFor([&] { return john.published.size() == 1; }));
    REQUIRE_MSG(john.published.copy()[0] == "hello@Topic 1 by Mary", john.published.copy()[0]);

    john.proto.GetMembers("Topic 1");
    REQUIRE(all.waitFor([&] { return john.lists.size() == 1; }));
    REQUIRE_MSG(john.lists.copy()[0] == "Topic 1:2 John Mary", john.lists.copy()[0]);

    mary.ws.Disconnect(5000);
    REQUIRE(all.waitFor([&] { return john.left.size() == 1 && serverLeft.size() == 1; }));
    REQUIRE(john.left.copy()[0] == "Mary" && serverLeft.copy()[0] == "Mary");
    john.ws.Disconnect(5000);
    spam.ws.Disconnect(5000);
    all.settle();  // no OnException: nothing tried to write the Ref argument back
}

sgcws_value text(const std::string &s) {
    sgcws_value v{};
    v.type = SGCWS_T_STRING;
    v.data = s.data();
    v.len = (int64_t)s.size();
    return v;
}

// The argument text as the registry writes it (registry.EncodeObject), decoded without a library.
void decoding() {
    using detail::ValueType;
    auto list = ValueType<TsgcWSPresenceMemberList>::from(text("id1\tA\\tB\tline\\none\\\\\nid2\tC\t\nid3"));
    REQUIRE(list.Count() == 3 && list.size() == 3);
    REQUIRE(list.Member(0).ID == "id1" && list.Member(0).Name == "A\tB" && list.Member(0).Info == "line\none\\");
    REQUIRE(list.Member(1).Name == "C" && list.Member(1).Info.empty());
    REQUIRE(list.Member(2).ID == "id3" && list.Member(2).Name.empty());  // missing fields stay empty
    bool outOfRange = false;
    try {
        (void)list.Member(3);
    } catch (const std::out_of_range &) {
        outOfRange = true;
    }
    REQUIRE(outOfRange);
    REQUIRE(ValueType<TsgcWSPresenceMemberList>::from(text("")).Count() == 0);

    TsgcWSPresenceError e = ValueType<TsgcWSPresenceError>::from(text("-5\tno\\\\way"));
    REQUIRE(e.Code == -5 && e.Text == "no\\way");
    th::expectError(SGCWS_E_TYPE, [] { (void)ValueType<TsgcWSPresenceError>::from(text("x\ty")); });
    REQUIRE(ValueType<TsgcWSPresenceError>::from(text("")).Code == 0);
    REQUIRE(!ValueType<TsgcWSPresenceChannel>::accepts(SGCWS_T_INT));
}

}  // namespace

int main() {
    th::init("t_presence", 150);
    th::run("cpp presence value objects decoded from their text (escapes, integers, lists, missing fields)", decoding);
    th::run("cpp presence neNoSync: join both ways, Spam refused, subscribe, publish, GetMembers list, OnRemoveMember",
            [] { presence(neNoSync); });
    th::run("cpp presence neAsynchronous", [] { presence(neAsynchronous); });
    th::run("cpp presence neSynchronous", [] { presence(neSynchronous); });
    return th::finish();
}
