import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.List;

/**
 * Serves an in-memory database on 127.0.0.1:<port> until killed; prints READY once it listens.
 * It reports MongoDB 5.0's wire version (13): its own MONGO_5_0 reports 8, which the
 * Node.js driver 7 refuses (it needs 9, MongoDB 4.4, or later).
 */
public class Main {
  public static void main(String[] args) throws Exception {
    MongoVersion version = new MongoVersion() {
      public List<Integer> getVersionArray() { return List.of(5, 0, 0); }
      public int getWireVersion() { return 13; }
    };
    MongoServer server = new MongoServer(new MemoryBackend().version(version));
    server.bind("127.0.0.1", Integer.parseInt(args[0]));
    System.out.println("READY");
    Thread.currentThread().join();
  }
}
