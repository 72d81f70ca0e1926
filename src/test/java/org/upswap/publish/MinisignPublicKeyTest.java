// Public keys as minisign writes them, and the mistakes a publisher makes
// when passing one.
package org.upswap.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.upswap.testing.MinisignTool;

class MinisignPublicKeyTest {

    /** minisign -G printed this key with the id 406CE724A66A7209. */
    private static final String KEY = "RWQJcmqmJOdsQNV0ua/uQN7DzdG5DQVqeKdLEYIlf/kwJc8KNkuFZEMe";

    @TempDir
    Path dir;

    @Test
    void theKeyIdReadsAsMinisignPrintsIt() {
        assertThat(MinisignPublicKey.parse(" " + KEY + "\n").keyId()).isEqualTo("406CE724A66A7209");
    }

    @Test
    void aKeyIdWithLeadingZerosReadsWithoutThemAsMinisignPrintsIt() {
        byte[] key = new byte[42];
        key[0] = 'E';
        key[1] = 'd';
        long id = 0x0E6B9BAD09586475L;
        for (int i = 0; i < 8; i++) {
            key[2 + i] = (byte) (id >>> (8 * i));
        }
        assertThat(MinisignPublicKey.parse(java.util.Base64.getEncoder().encodeToString(key)).keyId())
                .isEqualTo("E6B9BAD09586475");
    }

    @Test
    void aKeyFileMadeByMinisignIsReadWithTheIdMinisignGaveIt() throws Exception {
        MinisignTool.KeyPair keys = MinisignTool.generate(dir, "upswap");

        MinisignPublicKey key = MinisignPublicKey.read(keys.publicKey());

        assertThat(key.base64()).isEqualTo(keys.publicKeyLine());
        assertThat(Files.readAllLines(keys.publicKey()).get(0)).endsWith(" " + key.keyId());
    }

    @Test
    void whatIsNotAPublicKeyIsRefusedSayingWhy() {
        assertThatThrownBy(() -> MinisignPublicKey.parse(KEY.replace('/', '!')))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("it is not base64");
        assertThatThrownBy(() -> MinisignPublicKey.parse(KEY.substring(0, 52)))
                .hasMessage("it decodes to 39 bytes; a minisign public key has 42");
        byte[] notEd25519 = Base64.getDecoder().decode(KEY);
        notEd25519[1] = 'D';
        assertThatThrownBy(() -> MinisignPublicKey.parse(Base64.getEncoder().encodeToString(notEd25519)))
                .hasMessageStartingWith("it does not start with the Ed25519 marker \"Ed\"");
    }

    @Test
    void aSecretKeyFileIsNotTakenForAPublicKey() {
        MinisignTool.KeyPair keys = MinisignTool.generate(dir, "upswap");

        assertThatThrownBy(() -> MinisignPublicKey.read(keys.secretKey()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("its key line decodes to 158 bytes");
    }

    @Test
    void aFileWithoutAKeyLineIsRefused() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pub"), "untrusted comment: nothing follows\n\n");

        assertThatThrownBy(() -> MinisignPublicKey.read(empty)).hasMessage("it holds no key line");
    }

    @Test
    void onlyBase64TextLooksLikeAKey() {
        assertThat(MinisignPublicKey.looksLikeKey(KEY)).isTrue();
        assertThat(MinisignPublicKey.looksLikeKey("keys/upswap.pub")).isFalse();
        assertThat(MinisignPublicKey.looksLikeKey("upswap.pub")).isFalse();
    }
}
