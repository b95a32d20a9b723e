package dev.keel.examples.webapp;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The classes, methods and fields one class file refers to, read from its constant pool (JVMS 4.4): what must exist,
 * with these exact descriptors, on the classpath the class runs on.
 */
final class ClassFileReferences {

    /** A referenced member ({@code kind} Method, InterfaceMethod or Field) or class ({@code kind} Class, no name). */
    record Reference(String kind, String owner, String name, String descriptor) {
        @Override
        public String toString() {
            return kind + " " + owner + (name == null ? "" : "." + name + descriptor);
        }
    }

    private ClassFileReferences() {
    }

    static List<Reference> of(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        int[] tags = new int[count];
        int[] first = new int[count];
        int[] second = new int[count];
        String[] utf8 = new String[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            tags[i] = tag;
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++; // eight-byte constants take two entries
                }
                case 7, 8, 16, 19, 20 -> first[i] = in.readUnsignedShort();
                case 9, 10, 11, 12, 17, 18 -> {
                    first[i] = in.readUnsignedShort();
                    second[i] = in.readUnsignedShort();
                }
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " at " + i);
            }
        }
        List<Reference> references = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            switch (tags[i]) {
                case 7 -> references.add(new Reference("Class", utf8[first[i]], null, null));
                case 9, 10, 11 -> {
                    String owner = utf8[first[first[i]]];
                    int nameAndType = second[i];
                    String kind = tags[i] == 9 ? "Field" : tags[i] == 10 ? "Method" : "InterfaceMethod";
                    references.add(new Reference(kind, owner, utf8[first[nameAndType]], utf8[second[nameAndType]]));
                }
                default -> {
                }
            }
        }
        return references;
    }
}
