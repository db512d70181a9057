// DynamoDB Local bound to one interface (127.0.0.1 unless -Dclaimgraph.host says otherwise).
//
// DynamoDB Local has no option for the address it listens on, and has no authentication:
// started from its jar it answers on every interface, so anyone on the network could read and
// write the table. This starts the same server (ServerRunner.createServerFromCommandLineArgs,
// so every command-line option keeps its meaning) and sets the host of its Jetty connectors
// before they open. If DynamoDB Local's inside changes so that this is no longer possible, it
// fails instead of listening everywhere: lib/local-dynamo.ts then says so.
//
// Unlike ServerRunner.main it configures no telemetry, so nothing is sent anywhere.
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

public class LoopbackDynamoDBLocal {
  public static void main(String[] args) throws Exception {
    String host = System.getProperty("claimgraph.host", "127.0.0.1");
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    Connector[] connectors = server.getConnectors();
    if (connectors.length == 0) throw new IllegalStateException("DynamoDB Local has no connector to bind");
    for (Connector connector : connectors) ((ServerConnector) connector).setHost(host);
    proxy.start();
    System.out.println("claimgraph: DynamoDB Local listens on " + host + " only");
  }
}
