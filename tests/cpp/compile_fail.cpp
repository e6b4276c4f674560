// compile_fail.cpp - mistakes the generated classes catch at compile time. run.sh compiles it once with
// CASE=0 (must compile: the mistakes below are the only reason the others fail) and once per CASE=n
// (each must fail to compile).
#include "sgcws.hpp"

using namespace sgcws;

int main() {
    TsgcWebSocketServer server;
    TsgcWebSocketClient client;
    TsgcWSProtocol_Server_Base proto;
    proto.setServer(server);
    proto.WriteData("guid", "text");
    proto.Broadcast("text");
    proto.OnMessage = [](TsgcWSConnection &, const std::string &) {};
    client.Options().setFragmentedMessages(frgAll);
    TsgcWSPClient_Presence presence;
    presence.OnNewMember = [](TsgcWSConnection &, const TsgcWSPresenceMember &m) { (void)m.Name; };
    presence.OnGetMembers = [](TsgcWSConnection &, const TsgcWSPresenceMemberList &ms, const TsgcWSPresenceChannel &) {
        (void)ms.Member(0).Info;
    };
#if CASE == 1
    proto.setServer(client);  // a client is not a server
#elif CASE == 2
    proto.WriteData(42, "text");  // Guid is a String
#elif CASE == 3
    proto.OnMessage = [](TsgcWSConnection &, int) {};  // Text is a String
#elif CASE == 4
    proto.Broadcast();  // Text is required
#elif CASE == 5
    client.Options().setFragmentedMessages(1);  // an enumeration, not an integer
#elif CASE == 6
    proto.OnBinary = [](TsgcWSConnection &, const std::string &) {};  // Data is TBytes
#elif CASE == 7
    presence.OnNewMember = [](TsgcWSConnection &, const std::string &) {};  // aMember is a TsgcWSPresenceMember
#elif CASE == 8
    presence.OnGetMembers = [](TsgcWSConnection &, const TsgcWSPresenceMember &, const TsgcWSPresenceChannel &) {};  // a list
#endif
    return 0;
}
