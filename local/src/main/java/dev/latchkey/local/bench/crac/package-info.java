/**
 * A stand-in for the JDK's {@code jdk.crac} API, for the cold-start bench's emulated SnapStart restore.
 *
 * <p>The functions register their SnapStart hooks through {@code org.crac} (a library that forwards to the JDK's
 * {@code jdk.crac} where the JVM has one). Temurin 25 has none ({@code -XX:CRaCCheckpointTo} is an unrecognised
 * option), so {@code org.crac} would drop every registration. {@code org.crac} looks for the implementation in the
 * package the system property {@code org.crac.Core.Compat} names before it tries {@code javax.crac} and
 * {@code jdk.crac}; {@link dev.latchkey.local.bench.ColdStartRunner} in its restore mode starts with
 * {@code -Dorg.crac.Core.Compat=dev.latchkey.local.bench.crac}, so the functions' own registrations land in
 * {@link dev.latchkey.local.bench.crac.Core}'s global context, unchanged. {@link dev.latchkey.local.bench.crac.Core#checkpointRestore()}
 * then runs the hooks as CRaC orders them, {@code beforeCheckpoint} in reverse order of registration and
 * {@code afterRestore} in order, in the same JVM: no memory image is written or restored.
 */
package dev.latchkey.local.bench.crac;
