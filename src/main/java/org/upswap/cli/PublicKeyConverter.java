// Reads --next-key: a minisign public key file, or the key's base64 line
// itself (what `minisign -G` prints and a target's "key =" setting holds).
package org.upswap.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.upswap.cli.text.Messages;
import org.upswap.publish.MinisignPublicKey;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

final class PublicKeyConverter implements ITypeConverter<MinisignPublicKey> {

    @Override
    public MinisignPublicKey convert(String value) {
        Path file = existingFile(value);
        if (file == null && MinisignPublicKey.looksLikeKey(value)) {
            try {
                return MinisignPublicKey.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(Messages.get("error.publicKey", value, e.getMessage()));
            }
        }
        if (file == null) {
            throw new TypeConversionException(Messages.get("error.publicKeyMissing", value));
        }
        try {
            return MinisignPublicKey.read(file);
        } catch (NoSuchFileException e) {
            throw new TypeConversionException(Messages.get("error.publicKeyMissing", value));
        } catch (IOException e) {
            throw new TypeConversionException(Messages.get("error.publicKeyUnreadable", value, e.getMessage()));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(Messages.get("error.publicKeyFile", value, e.getMessage()));
        }
    }

    /** {@code value} as a path if something exists there; a key line never names a file that exists. */
    private static Path existingFile(String value) {
        try {
            Path path = Path.of(value);
            return Files.exists(path) ? path : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
